import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { UnsupportedProviderError } from '../errors/unsupported-provider-error';
import { pythonModules, pythonModuleToPackage } from './python-module-to-package';

describe('pythonModuleToPackage', () => {
  it.each([
    ['chaosgarden.aws.actions', '@chaosgarden/aws', 'actions'],
    ['chaosgarden.azure.actions', '@chaosgarden/azure', 'actions'],
    ['chaosgarden.gcp.actions', '@chaosgarden/gcp', 'actions'],
    ['chaosgarden.openstack.actions', '@chaosgarden/openstack', 'actions'],
    ['chaosgarden.vsphere.actions', '@chaosgarden/vsphere', 'actions'],
    ['chaosgarden.alicloud.actions', '@chaosgarden/alicloud', 'actions'],
    ['chaosgarden.k8s.actions', '@chaosgarden/k8s', 'actions'],
    ['chaosgarden.k8s.probes', '@chaosgarden/k8s', 'probes'],
    ['chaosgarden.garden.actions', '@chaosgarden/garden', 'actions'],
    ['chaosgarden.garden.probes', '@chaosgarden/garden', 'probes'],
    ['chaosgarden.human.actions', '@chaosgarden/cli', 'actions'],
  ])('maps %s to %s (%s)', (pythonModule, packageName, kind) => {
    expect(pythonModuleToPackage(pythonModule)).toEqual({ pythonModule, packageName, kind });
  });

  it('covers every module of the spec and nothing else', () => {
    expect(pythonModules).toHaveLength(11);
  });

  it('reports an unknown provider module, and the empty metal package, as unsupported providers', () => {
    expect(() => pythonModuleToPackage('chaosgarden.metal')).toThrow(UnsupportedProviderError);
    const attempt = () => pythonModuleToPackage('chaosgarden.ibm.actions');
    expect(attempt).toThrow(UnsupportedProviderError);
    expect(attempt).toThrow('Cloud provider (was ibm) unknown/not supported! Supported providers are aws,');
  });

  it('rejects a missing kind of a known module and foreign modules, listing the valid modules', () => {
    expect(() => pythonModuleToPackage('chaosgarden.aws.probes')).toThrow(InvalidArgumentError);
    expect(() => pythonModuleToPackage('chaosk8s.pod.actions')).toThrow(
      /Use one of: chaosgarden\.aws\.actions/,
    );
  });
});
