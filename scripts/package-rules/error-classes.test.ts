import { describe, expect, it } from 'vitest';
import { checkSources } from './check-sources.mjs';
import { coreBase, fixtureTree } from './fixture-tree';

const codes = "export const chaosgardenErrorCodes = { cloudApiError: 'cloud-api-error' } as const;\n";
const cloudApiError = `
export class CloudApiError extends ChaosgardenError {
  static readonly code: string = chaosgardenErrorCodes.cloudApiError;
  static override isInstance(error: unknown): error is CloudApiError {
    return true;
  }
}
`;

function errorProblems(k8sErrors: string): string[] | undefined {
  const root = fixtureTree({
    ...coreBase,
    'packages/core/src/errors/error-codes.ts': codes,
    'packages/core/src/errors/cloud-api-error.ts': cloudApiError,
    'packages/k8s/package.json': '{ "name": "@chaosgarden/k8s" }',
    'packages/k8s/src/k8s-errors.ts': k8sErrors,
  });
  return checkSources(root)[1]?.problems;
}

describe('the error class rule', () => {
  it('passes subclasses that declare their own code and an isInstance narrowing to themselves', () => {
    const good = `
export class KubeApiError extends CloudApiError {
  static override readonly code = 'kube-api-error';
  static override isInstance(error: unknown): error is KubeApiError {
    return true;
  }
}
export class SelectorSyntaxError extends KubeApiError {
  static override readonly code = KubeApiError.code;
  static override isInstance(error: unknown): error is SelectorSyntaxError {
    return true;
  }
}
`;
    expect(errorProblems(good)).toEqual([]);
  });

  it('fails a subclass that inherits code and isInstance (KubeApiError before issue 14)', () => {
    const inherited = 'export class KubeApiError extends CloudApiError {\n  readonly statusCode = 1;\n}\n';
    expect(errorProblems(inherited)).toEqual([
      'packages/k8s/src/k8s-errors.ts:1: KubeApiError declares no static code of its own',
      'packages/k8s/src/k8s-errors.ts:1: KubeApiError declares no static isInstance of its own',
    ]);
  });

  it("fails an isInstance that narrows to the parent's type", () => {
    const copied = `export class KubeApiError extends CloudApiError {
  static override readonly code = 'kube-api-error';
  static override isInstance(error: unknown): error is CloudApiError {
    return true;
  }
}
`;
    expect(errorProblems(copied)).toEqual([
      'packages/k8s/src/k8s-errors.ts:1: KubeApiError.isInstance narrows to CloudApiError; it should be ' +
        '`error is KubeApiError` and match only KubeApiError',
    ]);
  });

  it('fails two unrelated classes sharing a code, also through the code table', () => {
    const clash = `export class KubeApiError extends ChaosgardenError {
  static readonly code = 'cloud-api-error';
  static override isInstance(error: unknown): error is KubeApiError {
    return true;
  }
}
`;
    expect(errorProblems(clash)).toEqual([
      "packages/k8s/src/k8s-errors.ts:1: KubeApiError has the code 'cloud-api-error' of CloudApiError " +
        '(packages/core/src/errors/cloud-api-error.ts:2); give it a code of its own',
    ]);
  });
});
