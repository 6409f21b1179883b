import { InvalidArgumentError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { SelectorSyntaxError } from './selector-syntax-error';

const syntaxError = () =>
  new SelectorSyntaxError({
    argument: 'podMetadataSelector',
    selector: 'name~=web',
    requirement: 'name~=web',
    requirementNumber: 1,
    column: 5,
    problem: 'the operator "~=" is not one of =, ==, !=, =~, !~',
  });

describe('SelectorSyntaxError', () => {
  it("keeps its parent's code, so handlers of InvalidArgumentError handle it too", () => {
    expect(SelectorSyntaxError.code).toBe('invalid-argument');
    expect(syntaxError().code).toBe('invalid-argument');
    expect(InvalidArgumentError.isInstance(syntaxError())).toBe(true);
  });

  it('isInstance accepts only a SelectorSyntaxError, not any InvalidArgumentError', () => {
    expect(SelectorSyntaxError.isInstance(syntaxError())).toBe(true);
    expect(SelectorSyntaxError.isInstance(new InvalidArgumentError({ argument: 'zone', message: 'x' }))).toBe(
      false,
    );
  });
});
