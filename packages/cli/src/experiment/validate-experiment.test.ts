import { describe, expect, it } from 'vitest';
import { ExperimentError } from './experiment-error';
import { parseExperimentText } from './parse-experiment-text';
import { validateExperiment } from './validate-experiment';

const action = (provider: object) => ({ type: 'action', name: 'a', provider });
const python = { type: 'python', module: 'chaosgarden.aws.actions', func: 'assess_filters_impact' };

function problems(experiment: unknown): string[] {
  try {
    validateExperiment(parseExperimentText(JSON.stringify(experiment), 'e.json'), 'e.json');
  } catch (error) {
    if (ExperimentError.isInstance(error))
      return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe('validateExperiment', () => {
  it('accepts a minimal experiment', () => {
    expect(problems({ title: 't', method: [action(python)] })).toEqual([]);
  });

  it('reports every problem with its path inside the file', () => {
    const found = problems({
      method: [
        action({ type: 'python', module: 'chaosgarden.aws.actions' }),
        { type: 'act', name: 'b', provider: python },
      ],
      rollbacks: [action({ type: 'process' })],
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^title: /),
        expect.stringMatching(/^method\[0\]\.provider\.func: /),
        expect.stringMatching(/^method\[1\]\.type: /),
        expect.stringMatching(/^rollbacks\[0\]\.provider\.path: /),
      ]),
    );
    expect(found).toHaveLength(4);
  });

  it('names an unknown provider type at its path', () => {
    expect(problems({ title: 't', method: [action({ type: 'ruby' })] })).toEqual([
      expect.stringMatching(/^method\[0\]\.provider\.type: /),
    ]);
  });

  it('accepts controls, extensions, tags and contributions with a warning each', () => {
    const loaded = validateExperiment(
      parseExperimentText(
        JSON.stringify({
          title: 't',
          tags: ['aws'],
          contributions: { availability: 'high' },
          extensions: [],
          controls: [],
          method: [{ ...action(python), controls: [] }],
        }),
        'e.json',
      ),
      'e.json',
    );
    expect(loaded.warnings).toEqual([
      'The experiment\'s "tags" is accepted but chaosgarden does not act on it.',
      'The experiment\'s "contributions" is accepted but chaosgarden does not act on it.',
      'The experiment\'s "extensions" is accepted but chaosgarden does not act on it.',
      'The experiment\'s "controls" is accepted but chaosgarden does not act on it.',
      'method[0].controls is accepted but not acted on.',
    ]);
  });

  it('refuses a document that is not an object', () => {
    expect(problems([1, 2])).toEqual(['(top level): must be an object']);
  });
});
