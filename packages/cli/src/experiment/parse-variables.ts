import { readFile } from 'node:fs/promises';
import { type OrderedJsonValue, PythonFloat, parseJsonPreservingOrder } from '@chaosgarden/core';
import { ExperimentError } from './experiment-error';
import { parseExperimentText } from './parse-experiment-text';
import { emptyVariables, type Variables } from './resolve-settings';

/**
 * `--var name=value` or `--var name:type=value` (type `str` (default), `int`, `float`, `bool`, `json`),
 * as Chaos Toolkit's `--var`. Sets a configuration value.
 *
 * @throws ExperimentError for a malformed assignment or a value that does not fit its type.
 */
export function parseVariable(assignment: string, into: Variables): Variables {
  const equals = assignment.indexOf('=');
  if (equals <= 0) {
    throw new ExperimentError(`--var ${assignment}: expected name=value or name:type=value.`);
  }
  const [name, type = 'str'] = assignment.slice(0, equals).split(':', 2) as [string, string?];
  into.configuration.set(name, convert(assignment.slice(equals + 1), type, assignment));
  return into;
}

function convert(text: string, type: string, assignment: string): OrderedJsonValue {
  const fail = (): never => {
    throw new ExperimentError(`--var ${assignment}: "${text}" is not a valid ${type}.`);
  };
  switch (type) {
    case 'str':
      return text;
    case 'int':
      return /^-?\d+$/.test(text) ? Number(text) : fail();
    case 'float':
      return Number.isFinite(Number(text)) && text.trim() !== '' ? new PythonFloat(Number(text)) : fail();
    case 'bool':
      return ['true', '1', 'yes'].includes(text.toLowerCase())
        ? true
        : ['false', '0', 'no'].includes(text.toLowerCase())
          ? false
          : fail();
    case 'json':
      try {
        return parseJsonPreservingOrder(text);
      } catch {
        return fail();
      }
    default:
      throw new ExperimentError(
        `--var ${assignment}: unknown type ${type} (use str, int, float, bool or json).`,
      );
  }
}

/**
 * A `--var-file` (JSON or YAML): `{"configuration": {…}, "secrets": {scope: {…}}}` as Chaos Toolkit
 * reads it; a file with neither key is taken as configuration values.
 */
export async function readVariableFile(path: string, into: Variables = emptyVariables()): Promise<Variables> {
  const tree = parseExperimentText(
    await readFile(path, 'utf8').catch((error: Error) => {
      throw new ExperimentError(`Cannot read the variable file ${path}: ${error.message}`, { cause: error });
    }),
    path,
  );
  if (!(tree instanceof Map)) {
    throw new ExperimentError(`${path}: a variable file must hold an object.`);
  }
  const structured = tree.has('configuration') || tree.has('secrets');
  const configuration = structured ? tree.get('configuration') : tree;
  if (configuration instanceof Map) {
    for (const [key, value] of configuration) into.configuration.set(key, value);
  }
  const secrets = structured ? tree.get('secrets') : undefined;
  if (secrets instanceof Map) {
    for (const [scope, entries] of secrets) {
      if (!(entries instanceof Map)) {
        throw new ExperimentError(`${path}: secrets.${scope} must be an object of names to values.`);
      }
      const target = into.secrets.get(scope) ?? new Map<string, OrderedJsonValue>();
      for (const [key, value] of entries) target.set(key, value);
      into.secrets.set(scope, target);
    }
  }
  return into;
}
