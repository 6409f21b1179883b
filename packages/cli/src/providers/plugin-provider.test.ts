import { createMemoryLedger, createMemoryLogger, type OrderedJsonValue, pythonRepr } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { parseExperimentText } from '../experiment/parse-experiment-text';
import { emptyVariables, resolveSettings } from '../experiment/resolve-settings';
import type { ActivityContext } from './activity-context';
import { loadFunction } from './load-function';
import { pluginOptions, pluginTarget } from './plugin-provider';

const experiment = parseExperimentText(
  JSON.stringify({
    configuration: { aws_region: 'us-east-1', other_key: 1 },
    secrets: {
      first: { aws_access_key_id: 'A', aws_secret_access_key: 'S1' },
      second: { aws_secret_access_key: 'S2' },
      unused: { token: 'T' },
    },
  }),
  'e.json',
) as Map<string, OrderedJsonValue>;

function context(): ActivityContext {
  return {
    signal: new AbortController().signal,
    logger: createMemoryLogger(),
    settings: resolveSettings(experiment, emptyVariables(), {}),
    ledger: createMemoryLedger(),
    terminal: undefined,
    assumeYes: false,
  };
}

const provider = (fields: object) =>
  parseExperimentText(JSON.stringify(fields), 'p.json') as Map<string, OrderedJsonValue>;

describe('python and chaosgarden providers', () => {
  it("maps a Python module and function with core's rule", () => {
    expect(
      pluginTarget(
        provider({ type: 'python', module: 'chaosgarden.k8s.probes', func: 'list_cluster_key_resources' }),
      ),
    ).toEqual({
      packageName: '@chaosgarden/k8s',
      functionName: 'listClusterKeyResources',
      python: true,
    });
  });

  it('camelizes arguments, keeps the filters as parsed, injects configuration and the listed secret scopes only', async () => {
    const loaded = await loadFunction('@chaosgarden/aws', 'runNetworkFailureSimulation');
    const context_ = context();
    const options = pluginOptions(
      loaded,
      parseExperimentText(
        '{"type": "python", "secrets": ["first", "second"], "arguments": {"min_runtime": 1, "zone": "z", "filters": {"subnets": [{"Values": ["v"], "Name": "n"}], "1": []}}}',
        'p.json',
      ) as Map<string, OrderedJsonValue>,
      context_,
    );
    expect(loaded.cloudProvider).toBe(true);
    expect(options.minRuntime).toBe(1);
    expect(pythonRepr(options.filters)).toBe("{'subnets': [{'Values': ['v'], 'Name': 'n'}], '1': []}");
    expect(options.configuration).toEqual({ awsRegion: 'us-east-1', otherKey: 1 });
    expect(options.secrets).toEqual({ awsAccessKeyId: 'A', awsSecretAccessKey: 'S2' });
    expect(options.ledger).toBe(context_.ledger);
  });

  it('passes no configuration, ledger or secrets to a non-cloud plugin without scopes', async () => {
    const loaded = await loadFunction('@chaosgarden/k8s', 'runPodFailureSimulation');
    const options = pluginOptions(
      loaded,
      provider({ type: 'python', arguments: { pod_label_selector: 'a=b' } }),
      context(),
    );
    expect(Object.keys(options).sort()).toEqual(['logger', 'podLabelSelector', 'signal']);
  });

  it('refuses configuration or secrets given as arguments, and both spellings of one argument', async () => {
    const loaded = await loadFunction('@chaosgarden/aws', 'assessFiltersImpact');
    expect(() =>
      pluginOptions(loaded, provider({ type: 'python', arguments: { secrets: {} } }), context()),
    ).toThrow('Argument secrets is injected by the runner; remove it from "arguments".');
    expect(() =>
      pluginOptions(
        loaded,
        provider({ type: 'python', arguments: { min_runtime: 1, minRuntime: 2 } }),
        context(),
      ),
    ).toThrow(/minRuntime/);
  });
});
