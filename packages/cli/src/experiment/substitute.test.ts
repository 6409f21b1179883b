// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${name}` is experiment-file text here, not a template.
import { type OrderedJsonValue, PythonFloat, pythonRepr } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { parseExperimentText } from './parse-experiment-text';
import { substitute, unknownPlaceholders } from './substitute';

const values = parseExperimentText(
  '{"zone": "us-east-1a", "filters": {"subnets": [{"Name": "tag-key", "Values": ["k"]}]}, "ratio": 1.0, "count": 3, "on": true}',
  'c.json',
) as Map<string, OrderedJsonValue>;
const lookup = (name: string) => values.get(name);

describe('substitute', () => {
  it('puts the raw value, with its type and order, for a string that is one placeholder', () => {
    const result = substitute(
      parseExperimentText('{"f": "${filters}", "n": "${count}", "b": "${on}", "r": "${ratio}"}', 'a.json'),
      lookup,
    );
    expect(pythonRepr(result)).toBe(
      "{'f': {'subnets': [{'Name': 'tag-key', 'Values': ['k']}]}, 'n': 3, 'b': True, 'r': 1.0}",
    );
    expect(PythonFloat.isInstance((result as Map<string, unknown>).get('r'))).toBe(true);
  });

  it('stringifies embedded placeholders as Python would', () => {
    expect(substitute('zone ${zone}, count ${count}, on ${on}, r ${ratio}', lookup)).toBe(
      'zone us-east-1a, count 3, on True, r 1.0',
    );
  });

  it('substitutes inside lists and maps recursively', () => {
    expect(substitute(['${zone}', ['x-${zone}']], lookup)).toEqual(['us-east-1a', ['x-us-east-1a']]);
  });

  it('leaves unknown placeholders as written and lists them', () => {
    expect(substitute('a ${nope} ${zone}', lookup)).toBe('a ${nope} us-east-1a');
    expect(substitute('${nope}', lookup)).toBe('${nope}');
    expect(unknownPlaceholders(new Map([['a', ['${nope}', '${zone}', 'b ${other}']]]), lookup)).toEqual([
      'nope',
      'other',
    ]);
  });
});
