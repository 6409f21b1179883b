import { InvalidArgumentError, type Logger } from '@chaosgarden/core';
import type { DirectAction, DirectOption } from './cloud-actions';

/** The attribute commander stores a flag's value under: `--zone-index <n>` → `zoneIndex`. */
export function optionAttribute(option: DirectOption): string {
  return (
    option.flags
      .split(' ')[0]
      ?.replace(/^--/, '')
      .replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase()) ?? ''
  );
}

/** The first word of the flags: `--zone`. */
const flagName = (option: DirectOption) => option.flags.split(' ')[0] ?? option.flags;

/**
 * Turns parsed flags into the action's options object: a dotted key (`filters.vpcs`,
 * `configuration.gardenProject`, `kubeconfig.path`) is set inside nested objects, JSON options parsed,
 * `name=value` pairs collected into an object, numbers checked. Options sharing a key (`--zone` and
 * `--zone-index`) are alternatives: at most one may be given, and one of them when they are required.
 *
 * @throws InvalidArgumentError for malformed JSON, numbers or `name=value` pairs, two alternatives at
 *   once or a missing required alternative.
 */
export function actionOptions(
  action: DirectAction,
  values: Record<string, unknown>,
  logger: Logger,
): Record<string, unknown> {
  const options: Record<string, unknown> = { ...structuredClone(action.base ?? {}), logger };
  const given = new Map<string, DirectOption>();
  for (const option of action.options) {
    const value = values[optionAttribute(option)];
    if (value === undefined) continue;
    const other = given.get(option.key);
    if (other !== undefined) {
      throw new InvalidArgumentError({
        argument: option.key,
        message: `${flagName(other)} and ${flagName(option)} are mutually exclusive; pass only one of them.`,
      });
    }
    given.set(option.key, option);
    assign(options, option.key, convert(option, value));
  }
  for (const option of action.options) {
    if (option.required !== true || given.has(option.key)) continue;
    const alternatives = action.options.filter((candidate) => candidate.key === option.key);
    throw new InvalidArgumentError({
      argument: option.key,
      message: `${alternatives.map((candidate) => candidate.flags).join(' or ')} is required.`,
    });
  }
  return options;
}

function convert(option: DirectOption, value: unknown): unknown {
  switch (option.kind) {
    case 'pairs':
      return pairs(value as string[], option);
    case 'json':
      return json(String(value), option);
    case 'number':
    case 'integer': {
      const number = Number(value);
      const valid = option.kind === 'integer' ? Number.isInteger(number) : Number.isFinite(number);
      if (String(value).trim() === '' || !valid) {
        throw new InvalidArgumentError({
          argument: option.key,
          message: `${flagName(option)}: "${String(value)}" is not ${option.kind === 'integer' ? 'an integer' : 'a number'}.`,
        });
      }
      return number;
    }
    default:
      return value;
  }
}

/** Sets `path` (dot-separated) in `target`, merging objects already there. */
function assign(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head = path, ...rest] = path.split('.');
  if (rest.length > 0) {
    const inner = isRecord(target[head]) ? (target[head] as Record<string, unknown>) : {};
    target[head] = inner;
    assign(inner, rest.join('.'), value);
  } else if (isRecord(target[head]) && isRecord(value)) {
    for (const [key, item] of Object.entries(value))
      assign(target[head] as Record<string, unknown>, key, item);
  } else {
    target[head] = value;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function json(text: string, option: DirectOption): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidArgumentError({
      argument: option.key.split('.')[0] ?? option.key,
      message: `${option.flags}: not valid JSON (${(error as Error).message}).`,
    });
  }
}

/** `name=value` pairs; with `nestedNames`, a dotted name (`aws.configuration.x=1`) makes nested objects. */
function pairs(assignments: readonly string[], option: DirectOption): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const assignment of assignments) {
    const equals = assignment.indexOf('=');
    if (equals <= 0) {
      throw new InvalidArgumentError({
        argument: option.key,
        message: `${flagName(option)} ${assignment}: expected name=value.`,
      });
    }
    const name = assignment.slice(0, equals);
    const value = assignment.slice(equals + 1);
    if (option.nestedNames === true) assign(result, name, value);
    else result[name] = value;
  }
  return result;
}
