// Input validation of the example plugin, before anything touches its in-memory cloud.
import { EmptyFiltersRefusedError, InvalidArgumentError, UnknownFilterKeyError } from '@chaosgarden/core';

export interface ExampleFilters {
  instances?: readonly string[];
  networks?: readonly string[];
}

export const filterKeys = ['instances', 'networks'];

export interface CommonOptions {
  zone?: string;
  filters?: ExampleFilters;
  allowEmptyFilters?: boolean;
}

export function validateCommon(options: CommonOptions): { zone: string; filters: ExampleFilters } {
  if (typeof options.zone !== 'string' || options.zone === '') {
    throw new InvalidArgumentError({ argument: 'zone', message: 'Zone not set (must be set)! Pass zone.' });
  }
  const filters = options.filters ?? {};
  const unexpectedKeys = Object.keys(filters).filter((key) => !filterKeys.includes(key));
  if (unexpectedKeys.length > 0) {
    throw new UnknownFilterKeyError({ unexpectedKeys, expectedKeys: filterKeys });
  }
  return { zone: options.zone, filters };
}

export function validateTargets(options: CommonOptions): { zone: string; filters: ExampleFilters } {
  const { zone, filters } = validateCommon(options);
  const empty = filterKeys.every((key) => (filters[key as keyof ExampleFilters] ?? []).length === 0);
  if (empty && options.allowEmptyFilters !== true) {
    throw new EmptyFiltersRefusedError({ zone, targetKeys: filterKeys });
  }
  return { zone, filters };
}

export function validateMode<M extends string>(mode: string, supported: readonly M[]): M {
  if (!supported.includes(mode as M)) {
    throw new InvalidArgumentError({
      argument: 'mode',
      message: `Mode ${mode} unsupported (supported modes are ${supported.join(', ')})!`,
    });
  }
  return mode as M;
}

export function validateDuration(duration: unknown): number {
  if (duration === undefined || duration === null) return 0;
  const value = typeof duration === 'string' && /^\s*-?\d+\s*$/.test(duration) ? Number(duration) : duration;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidArgumentError({
      argument: 'duration',
      message: `duration must be a number of seconds.`,
    });
  }
  return Math.trunc(value);
}
