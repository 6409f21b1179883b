import { ChaosgardenError, InvalidArgumentError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { ExperimentError } from './experiment-error';

describe('ExperimentError', () => {
  it('isInstance accepts an ExperimentError, also one built by a second copy of the module', async () => {
    const specifier = './experiment-error?second-copy';
    const copy = (await import(/* @vite-ignore */ specifier)) as typeof import('./experiment-error');
    expect(ExperimentError.isInstance(new ExperimentError('bad file'))).toBe(true);
    expect(ExperimentError.isInstance(new copy.ExperimentError('bad file'))).toBe(true);
  });

  it('isInstance refuses every other chaosgarden error', () => {
    expect(ExperimentError.isInstance(new InvalidArgumentError({ argument: 'zone', message: 'x' }))).toBe(
      false,
    );
    expect(ExperimentError.isInstance(new ChaosgardenError('terminated', 'stopped'))).toBe(false);
    expect(ExperimentError.isInstance(new Error('plain'))).toBe(false);
  });
});
