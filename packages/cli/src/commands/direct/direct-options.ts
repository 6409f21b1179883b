import { InvalidArgumentError, type Logger } from '@chaosgarden/core';
import type { DirectAction } from './cloud-actions';

/**
 * Turns parsed flags into the action's options object: JSON filters under `filters`, `--config`
 * pairs under `configuration`, numbers checked.
 *
 * @throws InvalidArgumentError for malformed JSON, numbers or `name=value` pairs.
 */
export function actionOptions(
  action: DirectAction,
  values: Record<string, unknown>,
  logger: Logger,
): Record<string, unknown> {
  const options: Record<string, unknown> = { logger };
  const filters: Record<string, unknown> = {};
  for (const option of action.options) {
    const attribute =
      option.flags
        .split(' ')[0]
        ?.replace(/^--/, '')
        .replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase()) ?? '';
    const value = values[attribute];
    if (value === undefined) continue;
    if (option.key === 'configuration') {
      options.configuration = pairs(value as string[]);
    } else if (option.kind === 'json') {
      filters[option.key.slice('filters.'.length)] = json(String(value), option.flags);
    } else if (option.kind === 'number') {
      const number = Number(value);
      if (!Number.isFinite(number)) {
        throw new InvalidArgumentError({
          argument: option.key,
          message: `${option.flags}: "${String(value)}" is not a number.`,
        });
      }
      options[option.key] = number;
    } else {
      options[option.key] = value;
    }
  }
  options.filters = filters;
  return options;
}

function json(text: string, flags: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidArgumentError({
      argument: 'filters',
      message: `${flags}: not valid JSON (${(error as Error).message}).`,
    });
  }
}

function pairs(assignments: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const assignment of assignments) {
    const equals = assignment.indexOf('=');
    if (equals <= 0) {
      throw new InvalidArgumentError({
        argument: 'configuration',
        message: `--config ${assignment}: expected name=value.`,
      });
    }
    result[assignment.slice(0, equals)] = assignment.slice(equals + 1);
  }
  return result;
}
