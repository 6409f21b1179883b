export type { AssertTargetFiltersNotEmptyOptions } from './assert-target-filters-not-empty';
export { assertTargetFiltersNotEmpty } from './assert-target-filters-not-empty';
export type { AssertWithinMaxTargetsOptions } from './assert-within-max-targets';
export { assertWithinMaxTargets, validateMaxTargets } from './assert-within-max-targets';
export { isEmptyFilter } from './is-empty-filter';
export type { NormalizedFilters, NormalizeFiltersOptions } from './normalize-filters';
export { normalizeFilters } from './normalize-filters';
