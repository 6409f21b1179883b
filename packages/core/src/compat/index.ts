export { camelizeKeys } from './camelize-keys';
export { toCamelCase, toSnakeCase } from './case-conversion';
export type { PythonModuleKind, PythonModuleMapping } from './python-module-to-package';
export { pythonModules, pythonModuleToPackage } from './python-module-to-package';
