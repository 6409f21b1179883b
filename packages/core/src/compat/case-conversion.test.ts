import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toCamelCase, toSnakeCase } from './case-conversion';

// Every function, parameter, configuration key, secret key and top-level filter key of the Python
// tool's public API (spec README §3 and the module files), with the TypeScript name chaosgarden uses.
const cloudFunctions = [
  'assess_filters_impact',
  'run_compute_failure_simulation',
  'run_compute_failure_simulation_in_background',
  'run_network_failure_simulation',
  'run_network_failure_simulation_in_background',
  'rollback_network_failure_simulation',
];
const otherFunctions = [
  'run_pod_failure_simulation',
  'run_pod_failure_simulation_in_background',
  'list_cluster_key_resources',
  'run_cluster_health_probe',
  'run_cluster_health_probe_in_background',
  'rollback_cluster_health_probe',
  'run_control_plane_pod_failure_simulation',
  'run_control_plane_pod_failure_simulation_in_background',
  'run_system_components_pod_failure_simulation',
  'run_system_components_pod_failure_simulation_in_background',
  'run_general_pod_failure_simulation',
  'run_general_pod_failure_simulation_in_background',
  'assess_cloud_provider_filters_impact',
  'run_cloud_provider_compute_failure_simulation',
  'run_cloud_provider_compute_failure_simulation_in_background',
  'run_cloud_provider_network_failure_simulation',
  'run_cloud_provider_network_failure_simulation_in_background',
  'rollback_cloud_provider_network_failure_simulation',
  'list_shoot_cluster_key_resources',
  'run_shoot_cluster_health_probe',
  'run_shoot_cluster_health_probe_in_background',
  'rollback_shoot_cluster_health_probe',
  'wait_for',
];
const parameters = [
  'zone',
  'filters',
  'configuration',
  'secrets',
  'mode',
  'min_runtime',
  'max_runtime',
  'duration',
  'grace_period',
  'pod_node_label_selector',
  'pod_label_selector',
  'pod_metadata_selector',
  'pod_owner_selector',
  'lease_label_selector',
  'lease_metadata_selector',
  'thresholds',
  'silent',
  'ignore_daemon_sets',
];
const configurationKeys = [
  'aws_region',
  'aws_profile_name',
  'aws_assume_role_arn',
  'aws_assume_role_session_name',
  'azure_subscription_id',
  'azure_resource_group',
  'azure_region',
  'azure_cloud',
  'openstack_region',
  'vsphere_vcenter_server',
  'vsphere_vcenter_insecure',
  'vsphere_nsxt_server',
  'vsphere_nsxt_insecure',
  'ali_region',
  'garden_project',
  'garden_shoot',
];
const secretKeys = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'azure_cloud',
  'client_id',
  'client_secret',
  'tenant_id',
  'access_token',
  'service_account_info',
  'service_account_file',
  'auth_url',
  'auth_type',
  'username',
  'password',
  'user_domain_name',
  'project_name',
  'project_domain_name',
  'application_credential_id',
  'application_credential_name',
  'application_credential_secret',
  'vsphere_username',
  'vsphere_password',
  'nsxt_username',
  'nsxt_password',
  'ali_access_key',
  'ali_secret_key',
  'kubeconfig_path',
  'kubeconfig_yaml',
  'kubeconfig_struct',
];
const filterKeys = ['instances', 'vpcs', 'subnets', 'virtual_machines', 'networks', 'servers', 'vpc'];

const allNames = [
  ...cloudFunctions,
  ...otherFunctions,
  ...parameters,
  ...configurationKeys,
  ...secretKeys,
  ...filterKeys,
];

describe('toCamelCase and toSnakeCase', () => {
  it('converts the examples of the brief', () => {
    expect(toCamelCase('aws_access_key_id')).toBe('awsAccessKeyId');
    expect(toCamelCase('run_network_failure_simulation_in_background')).toBe(
      'runNetworkFailureSimulationInBackground',
    );
    expect(toCamelCase('virtual_machines')).toBe('virtualMachines');
    expect(toSnakeCase('podNodeLabelSelector')).toBe('pod_node_label_selector');
  });

  it.each(allNames)('round-trips %s', (name) => {
    const camel = toCamelCase(name);
    expect(camel).not.toContain('_');
    expect(toSnakeCase(camel)).toBe(name);
  });

  it('leaves single words and already camelCased names alone', () => {
    expect(toCamelCase('zone')).toBe('zone');
    expect(toCamelCase('awsRegion')).toBe('awsRegion');
    expect(toSnakeCase('zone')).toBe('zone');
  });

  it('keeps underscores that do not join two words, so such names still round-trip', () => {
    expect(toCamelCase('foo_2bar')).toBe('foo_2bar');
    expect(toCamelCase('_private')).toBe('_private');
    expect(toCamelCase('a__b')).toBe('a__b');
    expect(toSnakeCase(toCamelCase('foo_2bar'))).toBe('foo_2bar');
  });
});

describe('docs/python-names.md', () => {
  const doc = readFileSync(new URL('../../../../docs/python-names.md', import.meta.url), 'utf8');
  const rows = [...doc.matchAll(/^\|\s*`([a-z0-9_]+)`\s*\|\s*`([A-Za-z0-9]+)`\s*\|/gm)].map(
    (match) => [match[1] ?? '', match[2] ?? ''] as const,
  );

  it('lists every Python name of the public API', () => {
    const documented = new Set(rows.map(([python]) => python));
    expect(allNames.filter((name) => !documented.has(name))).toEqual([]);
  });

  it('shows for each Python name the TypeScript name the rule produces', () => {
    expect(rows.length).toBeGreaterThan(allNames.length / 2);
    for (const [python, typescript] of rows) {
      expect(`${python} → ${toCamelCase(python)}`).toBe(`${python} → ${typescript}`);
    }
  });
});
