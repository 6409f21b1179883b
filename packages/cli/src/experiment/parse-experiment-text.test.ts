import { filterHash, PythonFloat, pythonRepr } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { ExperimentError } from './experiment-error';
import { parseExperimentText } from './parse-experiment-text';

describe('parseExperimentText', () => {
  it('keeps key order (integer-like keys too) and float notation of JSON files, so hashes match Python', () => {
    const tree = parseExperimentText('{"servers": {"b": 1, "10": 1.0, "a": [2e3, 3]}}', 'x.json');
    expect(pythonRepr(tree)).toBe("{'servers': {'b': 1, '10': 1.0, 'a': [2000.0, 3]}}");
  });

  it('keeps key order and float notation of YAML files the same way', () => {
    const tree = parseExperimentText('servers:\n  b: 1\n  "10": 1.0\n  a: [2.5e3, 3]\n', 'x.yaml');
    expect(pythonRepr(tree)).toBe("{'servers': {'b': 1, '10': 1.0, 'a': [2500.0, 3]}}");
    const map = (tree as Map<string, Map<string, unknown>>).get('servers');
    expect(PythonFloat.isInstance(map?.get('10'))).toBe(true);
  });

  it('hashes an AWS subnets filter from YAML exactly as from JSON', () => {
    const json = parseExperimentText(
      '[{"Name": "tag-key", "Values": ["kubernetes.io/cluster/shoot--my-project--my-shoot"]}]',
      'a.json',
    );
    const yaml = parseExperimentText(
      '- Name: tag-key\n  Values: [kubernetes.io/cluster/shoot--my-project--my-shoot]\n',
      'a.yaml',
    );
    expect(filterHash(json)).toBe('82f6069993f70d94');
    expect(filterHash(yaml)).toBe('82f6069993f70d94');
  });

  it('names line and column of a YAML syntax error', () => {
    expect(() => parseExperimentText('title: a\n  method: [\n', 'bad.yaml')).toThrow(
      /bad\.yaml is not valid YAML at line \d+, column \d+/,
    );
  });

  it('names the position of a JSON syntax error', () => {
    const error = (() => {
      try {
        parseExperimentText('{"title": }', 'bad.json');
      } catch (caught) {
        return caught;
      }
    })();
    expect(ExperimentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/bad\.json is not valid JSON: .*line 1/);
  });
});
