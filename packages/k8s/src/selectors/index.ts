export type { MatchOptions, SelectorTarget } from './match-selector';
export { matchesRequirement, matchesSelector } from './match-selector';
export type { ParseSelectorOptions } from './parse-selector';
export { formatRequirement, formatSelector, parseSelector, selectorText } from './parse-selector';
export type { SelectorSyntaxErrorOptions } from './selector-syntax-error';
export { SelectorSyntaxError } from './selector-syntax-error';
export type {
  ParsedSelector,
  SelectorInput,
  SelectorOperator,
  SelectorRequirement,
} from './selector-types';
export { supplementSelector } from './supplement-selector';
