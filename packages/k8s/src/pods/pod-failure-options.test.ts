import { createMemoryLogger, EmptyFiltersRefusedError, InvalidArgumentError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { runPodFailureSimulation } from '../pod-failure-simulation';
import { SelectorSyntaxError } from '../selectors/selector-syntax-error';
import { EmptySelectorsRefusedError } from './empty-selectors-refused-error';
import { validatePodFailureOptions } from './pod-failure-options';

// A kubeconfig that cannot be read: reaching it would fail differently, so these errors prove that
// options are checked before the cluster is contacted.
const unreachable = { kubeconfig: { path: '/nonexistent/kubeconfig' } };

describe('runPodFailureSimulation option checks (before any cluster call)', () => {
  it('refuses all-empty selectors unless allowEmptySelectors is set', async () => {
    const attempt = runPodFailureSimulation({ ...unreachable, logger: createMemoryLogger() });
    await expect(attempt).rejects.toThrow(EmptySelectorsRefusedError);
    await expect(attempt).rejects.toSatisfy((error) => EmptyFiltersRefusedError.isInstance(error));
    await expect(attempt).rejects.toThrow(/allowEmptySelectors: true/);
    await expect(
      runPodFailureSimulation({ ...unreachable, allowEmptySelectors: true, logger: createMemoryLogger() }),
    ).rejects.toThrow(/Cannot read the kubeconfig file \/nonexistent\/kubeconfig/);
  });

  it('refuses a malformed selector naming the option', async () => {
    const attempt = runPodFailureSimulation({
      ...unreachable,
      podOwnerSelector: 'kind!=DaemonSet,name=',
      logger: createMemoryLogger(),
    });
    await expect(attempt).rejects.toThrow(SelectorSyntaxError);
    await expect(attempt).rejects.toMatchObject({
      argument: 'podOwnerSelector',
      requirementNumber: 2,
      column: 22,
    });
  });

  it('refuses unknown options, such as snake_case spellings, naming them', async () => {
    await expect(
      runPodFailureSimulation({ ...unreachable, pod_label_selector: 'a=b' } as never),
    ).rejects.toThrow(
      /Unknown option\(s\) pod_label_selector for runPodFailureSimulation; known options are minRuntime/,
    );
  });

  it.each([
    [{ minRuntime: -1 }, 'minRuntime'],
    [{ gracePeriod: 1.5 }, 'gracePeriod'],
    [{ duration: 'soon' }, 'duration'],
    [{ maxTargets: -2 }, 'maxTargets'],
  ])('refuses %j', async (options, argument) => {
    const attempt = runPodFailureSimulation({ ...unreachable, podLabelSelector: 'a=b', ...options } as never);
    await expect(attempt).rejects.toThrow(InvalidArgumentError);
    await expect(attempt).rejects.toMatchObject({ argument });
  });
});

describe('validatePodFailureOptions', () => {
  it('applies the Python defaults and raises maxRuntime to minRuntime with a warning', () => {
    const logger = createMemoryLogger();
    const settings = validatePodFailureOptions(
      { podLabelSelector: 'a=b', minRuntime: '30', maxRuntime: 10 },
      logger,
    );
    expect(settings).toMatchObject({
      minRuntime: 30,
      maxRuntime: 30,
      gracePeriod: 0,
      duration: 0,
      maxTargets: undefined,
    });
    expect(logger.lines()).toEqual([
      '[Warning] maxRuntime (10s) is smaller than minRuntime (30s); raising maxRuntime to 30s.',
    ]);
  });
});
