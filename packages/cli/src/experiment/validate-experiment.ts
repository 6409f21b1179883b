import { readFile } from 'node:fs/promises';
import { type OrderedJsonValue, toPlainJson } from '@chaosgarden/core';
import { ExperimentError, type ExperimentIssue, formatIssuePath } from './experiment-error';
import { type ExperimentSpec, experimentSchema } from './experiment-schema';
import { parseExperimentText } from './parse-experiment-text';

/** An experiment that passed validation: plain data for its structure, the ordered tree for values. */
export interface LoadedExperiment {
  /** Where it came from (file path), for messages. */
  source: string;
  spec: ExperimentSpec;
  /** The parsed file with `Map`s and `PythonFloat`s: what arguments and configuration are read from. */
  tree: Map<string, OrderedJsonValue>;
  /** Fields Chaos Toolkit documents that chaosgarden accepts but does not act on, and unknown fields. */
  warnings: string[];
}

/** Chaos Toolkit fields accepted without effect (each gives a warning). */
const acceptedWithoutEffect = ['controls', 'extensions', 'tags', 'contributions', 'runtime', 'version'];
const knownTopLevel = [
  'title',
  'description',
  'configuration',
  'secrets',
  'steady-state-hypothesis',
  'method',
  'rollbacks',
];
const knownActivity = ['type', 'name', 'provider', 'background', 'pauses', 'tolerance'];

/** Reads, parses and validates an experiment file. @throws ExperimentError listing every problem. */
export async function loadExperiment(path: string): Promise<LoadedExperiment> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ExperimentError(`Cannot read the experiment file ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return validateExperiment(parseExperimentText(text, path), path);
}

/** Checks the structure of a parsed experiment. @throws ExperimentError with a path per problem. */
export function validateExperiment(tree: OrderedJsonValue, source: string): LoadedExperiment {
  if (!(tree instanceof Map)) {
    throw new ExperimentError(`${source}: an experiment must be an object with title and method.`, {
      issues: [{ path: '(top level)', message: 'must be an object' }],
    });
  }
  const plain = toPlainJson(tree);
  const parsed = experimentSchema.safeParse(plain);
  if (!parsed.success) {
    const issues: ExperimentIssue[] = parsed.error.issues.map((issue) => ({
      path: formatIssuePath(issue.path),
      message: issue.message,
    }));
    const lines = issues.map((issue) => `- ${issue.path}: ${issue.message}`).join('\n');
    throw new ExperimentError(`${source} is not a valid experiment:\n${lines}`, { issues });
  }
  return { source, spec: parsed.data, tree, warnings: collectWarnings(parsed.data) };
}

function collectWarnings(spec: ExperimentSpec): string[] {
  const warnings: string[] = [];
  for (const key of Object.keys(spec)) {
    if (acceptedWithoutEffect.includes(key)) {
      warnings.push(`The experiment's "${key}" is accepted but chaosgarden does not act on it.`);
    } else if (!knownTopLevel.includes(key)) {
      warnings.push(`The experiment's "${key}" is not a Chaos Toolkit field; it is ignored.`);
    }
  }
  const sections: [string, readonly Record<string, unknown>[]][] = [
    ['steady-state-hypothesis.probes', spec['steady-state-hypothesis']?.probes ?? []],
    ['method', spec.method],
    ['rollbacks', spec.rollbacks ?? []],
  ];
  for (const [section, activities] of sections) {
    activities.forEach((activity, index) => {
      for (const key of Object.keys(activity)) {
        if (knownActivity.includes(key)) continue;
        const what = acceptedWithoutEffect.includes(key) ? 'is accepted but not acted on' : 'is ignored';
        warnings.push(`${section}[${index}].${key} ${what}.`);
      }
    });
  }
  return warnings;
}

/** The ordered value at a path of the tree (`['method', 0, 'provider', 'arguments']`). */
export function orderedAt(
  tree: OrderedJsonValue,
  path: readonly (string | number)[],
): OrderedJsonValue | undefined {
  let node: OrderedJsonValue | undefined = tree;
  for (const part of path) {
    if (node instanceof Map && typeof part === 'string') node = node.get(part);
    else if (Array.isArray(node) && typeof part === 'number') node = node[part];
    else return undefined;
  }
  return node;
}
