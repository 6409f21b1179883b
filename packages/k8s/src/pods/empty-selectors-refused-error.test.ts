import { EmptyFiltersRefusedError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { EmptySelectorsRefusedError } from './empty-selectors-refused-error';

describe('EmptySelectorsRefusedError', () => {
  it("keeps its parent's code, so handlers of EmptyFiltersRefusedError handle it too", () => {
    expect(new EmptySelectorsRefusedError().code).toBe('empty-filters-refused');
    expect(EmptyFiltersRefusedError.isInstance(new EmptySelectorsRefusedError())).toBe(true);
  });

  it('isInstance accepts only an EmptySelectorsRefusedError, not any EmptyFiltersRefusedError', () => {
    const filters = new EmptyFiltersRefusedError({ zone: 'z', targetKeys: ['vpcs'] });
    expect(EmptySelectorsRefusedError.isInstance(new EmptySelectorsRefusedError())).toBe(true);
    expect(EmptySelectorsRefusedError.isInstance(filters)).toBe(false);
  });
});
