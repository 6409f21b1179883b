import { type OrderedJsonValue, PythonFloat, parseJsonPreservingOrder } from '@chaosgarden/core';
import { isMap, isScalar, isSeq, type Node, parseDocument } from 'yaml';
import { ExperimentError } from './experiment-error';

/**
 * Parses an experiment (or variables) file, JSON or YAML, keeping what the artefact-name hashes
 * depend on: objects become `Map`s in document order and numbers written with `.`/`e` become
 * `PythonFloat` (spec README §1.8). JSON is recognised by a leading `{` or `[`, or a `.json` name.
 *
 * @throws ExperimentError with the line and column of a syntax error.
 */
export function parseExperimentText(text: string, source: string): OrderedJsonValue {
  const trimmed = text.trimStart();
  if (source.endsWith('.json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return parseJsonPreservingOrder(text);
    } catch (error) {
      throw new ExperimentError(`${source} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
  }
  const document = parseDocument(text, { uniqueKeys: true });
  const problem = document.errors[0];
  if (problem !== undefined) {
    const position = problem.linePos?.[0];
    const where = position === undefined ? '' : ` at line ${position.line}, column ${position.col}`;
    throw new ExperimentError(`${source} is not valid YAML${where}: ${problem.message.split('\n')[0]}`);
  }
  return toOrdered(document.contents, text);
}

function toOrdered(node: Node | null | unknown, text: string): OrderedJsonValue {
  if (node === null || node === undefined) {
    return null;
  }
  if (isMap(node)) {
    const map = new Map<string, OrderedJsonValue>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      map.set(key, toOrdered(pair.value, text));
    }
    return map;
  }
  if (isSeq(node)) {
    return node.items.map((item) => toOrdered(item, text));
  }
  if (isScalar(node)) {
    const value = node.value;
    if (typeof value === 'number') {
      const written =
        node.range === undefined || node.range === null ? '' : text.slice(node.range[0], node.range[1]);
      return !Number.isInteger(value) || /[.eE]|inf|nan/i.test(written) ? new PythonFloat(value) : value;
    }
    if (
      value === null ||
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      typeof value === 'bigint'
    ) {
      return value;
    }
    return String(value);
  }
  return null;
}
