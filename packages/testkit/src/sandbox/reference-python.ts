import type { PythonEnvironmentSpec } from './python-environment';

/**
 * The Python chaosgarden from PyPI, the reference implementation, in its own virtualenv (its pins clash with
 * moto's). Nothing runs: tests call its functions with the environment from `referencePythonEnvironment()`.
 */
export const referenceEnvironment: PythonEnvironmentSpec = {
  component: 'reference-chaosgarden',
  requirementsFile: 'requirements-reference.txt',
  versionPackage: 'chaosgarden',
  verifyImport: 'chaosgarden.aws.actions, chaosgarden.k8s.probes',
};
