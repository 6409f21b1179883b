export { checkFilterHash } from './check-filter-hash';
export { checkNamePart } from './check-name-part';
export { filterHash } from './filter-hash';
export type { OrderedJsonValue } from './parse-json-preserving-order';
export { parseJsonPreservingOrder } from './parse-json-preserving-order';
export { PythonFloat } from './python-float';
export { pythonRepr, pythonStr } from './python-repr';
export { toPlainJson } from './to-plain-json';
