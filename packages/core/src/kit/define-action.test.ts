import { describe, expect, it, vi } from 'vitest';
import { ChaosgardenError } from '../errors/chaosgarden-error';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { UnknownOptionError } from '../errors/unknown-option-error';
import { computeFailureModes, networkFailureModes } from '../provider/v1/failure-modes';
import { declareAction } from './declare-action';
import { defineAction } from './define-action';
import { providerActionDeclarations } from './provider-action-declarations';

interface GreetOptions {
  name?: string;
  loud?: boolean;
  configuration?: Record<string, unknown>;
}

const declaration = declareAction<GreetOptions>({
  name: 'greet',
  options: {
    name: { kind: 'string', required: true },
    loud: { kind: 'boolean' },
    configuration: { kind: 'data' },
  },
});

describe('defineAction', () => {
  it('refuses an unknown top-level key before the implementation runs, naming the closest known one', async () => {
    const implementation = vi.fn(async (options: GreetOptions) => options.name);
    const greet = defineAction(declaration, implementation);
    const attempt = greet({ name: 'a', lowd: true } as GreetOptions);
    await expect(attempt).rejects.toThrow(
      'Unknown option(s) lowd for greet; known options are name, loud, configuration. Did you mean loud?',
    );
    await expect(attempt).rejects.toMatchObject({
      code: 'unknown-option',
      argument: 'lowd',
      unknownOptions: ['lowd'],
      closest: { lowd: 'loud' },
    });
    expect(UnknownOptionError.isInstance(await attempt.catch((error: unknown) => error))).toBe(true);
    expect(implementation).not.toHaveBeenCalled();
  });

  it('passes known keys, undefined values and any configuration key through to the implementation', async () => {
    const greet = defineAction(declaration, async (options: GreetOptions) => options);
    const options = { name: 'a', loud: undefined, configuration: { anything: 1 } };
    await expect(greet(options)).resolves.toBe(options);
  });

  it('attaches the declaration as frozen data and takes its name', () => {
    const greet = defineAction(declaration, async (_options: GreetOptions) => 1);
    expect(greet.name).toBe('greet');
    expect(greet.declaration).toMatchObject({ name: 'greet', configuration: true, secrets: false });
    expect(greet.declaration.options.map((option) => option.name)).toEqual(['name', 'loud', 'configuration']);
    expect(Object.isFrozen(greet.declaration)).toBe(true);
    expect(Object.isFrozen(greet.declaration.options[0])).toBe(true);
    expect(() => {
      (greet as { declaration: unknown }).declaration = {};
    }).toThrow(TypeError);
  });

  it('lists every unknown key and a closest known one for each that has one', async () => {
    const greet = defineAction(declaration, async (_options: GreetOptions) => 1);
    await expect(greet({ nmae: 'a', colour: 'red' } as GreetOptions)).rejects.toThrow(
      'Unknown option(s) nmae, colour for greet; known options are name, loud, configuration. ' +
        'Did you mean name (for nmae)?',
    );
  });
});

describe('providerActionDeclarations', () => {
  const actions = providerActionDeclarations({
    computeFailureModes: [...computeFailureModes, 'terminate_with_instance_restart'],
    networkFailureModes,
  });

  it("declares the contract's common options for the simulations, with the plugin's modes", () => {
    const network = actions.runNetworkFailureSimulation.options.map((option) => option.name);
    expect(network).toEqual(
      expect.arrayContaining([
        'zone',
        'allowSelfTarget',
        'rollbackLeftovers',
        'rollbackSignal',
        'rollbackTimeoutSeconds',
        'allowPartial',
      ]),
    );
    const compute = actions.runComputeFailureSimulation;
    expect(compute.options.find((option) => option.name === 'mode')?.choices).toEqual([
      'terminate',
      'restart',
      'terminate_with_instance_restart',
    ]);
    expect(compute.options.map((option) => option.name)).toContain('allowSelfTarget');
    expect(compute.options.map((option) => option.name)).not.toContain('allowPartial');
    expect(actions.assessFiltersImpact).toMatchObject({ configuration: true, secrets: true });
  });

  it("validates like the action: the zone, a plugin's own mode, the roll-back timeout", () => {
    const option = (name: string) =>
      actions.runComputeFailureSimulation.options.find((candidate) => candidate.name === name);
    expect(option('mode')?.validate?.('terminate_with_instance_restart')).toBe(
      'terminate_with_instance_restart',
    );
    expect(() => option('mode')?.validate?.('explode')).toThrow(InvalidArgumentError);
    expect(() => option('zone')?.validate?.('')).toThrow(ChaosgardenError);
  });
});
