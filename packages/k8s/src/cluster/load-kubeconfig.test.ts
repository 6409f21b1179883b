import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { InvalidArgumentError, redactSecrets } from '@chaosgarden/core';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveKubeconfigSource } from './kubeconfig-source';
import { loadKubeconfig } from './load-kubeconfig';

const directory = mkdtempSync(join(tmpdir(), 'chaosgarden-kubeconfig-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function kubeconfig(options: { context?: string; cluster?: string; user?: string; userEntry?: object } = {}) {
  const context = options.context ?? 'ctx';
  const cluster = options.cluster ?? 'c1';
  const user = options.user ?? 'u1';
  return {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': context,
    clusters: [{ name: cluster, cluster: { server: `https://${cluster}.example:6443` } }],
    users: [{ name: user, user: options.userEntry ?? { token: `token-of-${user}-0123456789` } }],
    contexts: [{ name: context, context: { cluster, user } }],
  };
}

function writeConfig(name: string, content: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const load = (options: Parameters<typeof resolveKubeconfigSource>[0], env: Record<string, string> = {}) =>
  loadKubeconfig(resolveKubeconfigSource(options, env));

describe('loadKubeconfig', () => {
  it('reads a file and picks the current context, its cluster and user', async () => {
    const path = writeConfig('simple.json', kubeconfig());
    const loaded = await load({ kubeconfig: { path } });
    expect(loaded).toMatchObject({ contextName: 'ctx', clusterName: 'c1', userName: 'u1' });
    expect(loaded.server).toBe('https://c1.example:6443');
  });

  it('reads YAML text and objects without touching the file system', async () => {
    const yaml = [
      'current-context: y',
      'clusters: [{name: yc, cluster: {server: "https://yaml.example"}}]',
      'contexts: [{name: y, context: {cluster: yc}}]',
    ].join('\n');
    expect((await load({ kubeconfig: { yaml } })).server).toBe('https://yaml.example');
    expect((await load({ secrets: { kubeconfig_yaml: yaml } })).userName).toBeUndefined();
    expect((await load({ kubeconfig: { object: kubeconfig({ cluster: 'obj' }) } })).server).toBe(
      'https://obj.example:6443',
    );
  });

  it('merges a $KUBECONFIG list like kubectl: first current-context and first entry per name win', async () => {
    const first = writeConfig('first.json', {
      clusters: [{ name: 'shared', cluster: { server: 'https://first.example' } }],
    });
    const second = writeConfig('second.json', {
      'current-context': 'from-second',
      clusters: [{ name: 'shared', cluster: { server: 'https://second.example' } }],
      contexts: [{ name: 'from-second', context: { cluster: 'shared', user: 'u' } }],
      users: [{ name: 'u', user: { token: 'merged-token-abcdef' } }],
    });
    const missing = join(directory, 'does-not-exist.yaml');
    const loaded = await load({}, { KUBECONFIG: [first, missing, second].join(delimiter) });
    expect(loaded).toMatchObject({
      contextName: 'from-second',
      server: 'https://first.example',
      userName: 'u',
    });
    expect(loaded.origin).toContain('$KUBECONFIG');
  });

  it('resolves relative certificate, key, token and exec command paths against the file', async () => {
    const path = writeConfig(
      'relative.json',
      kubeconfig({
        userEntry: {
          'client-certificate': 'certs/client.crt',
          'client-key': '/abs/client.key',
          exec: { command: './bin/plugin', args: [] },
        },
      }),
    );
    const loaded = await load({ kubeconfig: { path } });
    expect(loaded.user?.['client-certificate']).toBe(join(directory, 'certs/client.crt'));
    expect(loaded.user?.['client-key']).toBe('/abs/client.key');
    expect((loaded.user?.exec as { command: string } | undefined)?.command).toBe(
      join(directory, 'bin/plugin'),
    );
  });

  it('prefers secrets in the Python order: struct, then YAML, then path', async () => {
    const path = writeConfig('by-path.json', kubeconfig({ cluster: 'path' }));
    const yaml = JSON.stringify(kubeconfig({ cluster: 'yaml' }));
    const struct = kubeconfig({ cluster: 'struct' });
    const env = { KUBECONFIG: path };
    expect(
      (await load({ secrets: { kubeconfigPath: path, kubeconfigYaml: yaml, kubeconfigStruct: struct } }, env))
        .clusterName,
    ).toBe('struct');
    expect((await load({ secrets: { kubeconfig_path: path, kubeconfig_yaml: yaml } }, env)).clusterName).toBe(
      'yaml',
    );
    expect((await load({ secrets: { kubeconfigPath: path, other: 'x' } }, {})).clusterName).toBe('path');
    expect((await load({ secrets: {} }, env)).clusterName).toBe('path');
  });

  it('refuses auth-provider users with the Python message and a way out', async () => {
    const object = kubeconfig({ userEntry: { 'auth-provider': { name: 'oidc', config: {} } } });
    const attempt = load({ kubeconfig: { object } });
    await expect(attempt).rejects.toThrow(InvalidArgumentError);
    await expect(attempt).rejects.toThrow(/^Unsupported auth-provider oidc! .*exec credential plugin/);
  });

  it('registers tokens, passwords, client keys and exec environment values as secrets', async () => {
    const key = Buffer.from(
      '-----BEGIN PRIVATE KEY-----\nsecret-key-body\n-----END PRIVATE KEY-----',
    ).toString('base64');
    const object = kubeconfig({
      userEntry: {
        token: 'tok-3f9a8b7c6d5e',
        password: 'pw-0a1b2c3d',
        'client-key-data': key,
        exec: { command: 'x', env: [{ name: 'API_KEY', value: 'exec-env-secret-42' }] },
      },
    });
    await load({ kubeconfig: { object } });
    expect(redactSecrets('tok-3f9a8b7c6d5e pw-0a1b2c3d exec-env-secret-42')).toBe('*** *** ***');
    expect(redactSecrets(key)).toBe('***');
  });

  it.each([
    [{ ...kubeconfig(), 'current-context': undefined }, /has no current-context/],
    [
      { ...kubeconfig(), 'current-context': 'nope' },
      /current-context "nope" .* is not defined \(contexts: ctx\)/,
    ],
    [{ ...kubeconfig(), clusters: [] }, /cluster "c1" of context "ctx" .* is missing or has no server/],
    [{ ...kubeconfig(), users: [] }, /user "u1" of context "ctx" is not defined/],
    ['[1, 2]', /must be a kubeconfig object|has no current-context/],
  ])('explains what is wrong with a broken kubeconfig (%#)', async (object, message) => {
    const source = typeof object === 'string' ? { yaml: object } : { object };
    await expect(load({ kubeconfig: source })).rejects.toThrow(message);
  });

  it('says how to pass a kubeconfig when there is none, and never falls back to ~/.kube/config', () => {
    expect(() => resolveKubeconfigSource({}, { HOME: directory })).toThrow(
      /No kubeconfig given: pass kubeconfig: \{ path \| yaml \| object \| inCluster \}/,
    );
  });

  it('refuses ambiguous or empty sources', () => {
    expect(() =>
      resolveKubeconfigSource({ kubeconfig: { path: 'a' }, secrets: { kubeconfigPath: 'b' } }),
    ).toThrow(/Both the kubeconfig option and secrets.kubeconfigPath/);
    expect(() => resolveKubeconfigSource({ kubeconfig: { path: 'a', yaml: 'b' } as never })).toThrow(
      /exactly one of path, yaml, object, inCluster/,
    );
    expect(() => resolveKubeconfigSource({ secrets: { kubeconfigYaml: ' ' } })).toThrow(/must be non-empty/);
  });

  it('reports a missing file and invalid YAML with the source', async () => {
    await expect(load({ kubeconfig: { path: join(directory, 'missing') } })).rejects.toThrow(
      /Cannot read the kubeconfig file/,
    );
    await expect(load({ kubeconfig: { yaml: 'a: [' } })).rejects.toThrow(
      /kubeconfig.yaml is not valid kubeconfig YAML/,
    );
  });

  it('needs the service-account files for in-cluster access', async () => {
    await expect(load({ kubeconfig: { inCluster: { pathPrefix: directory } } })).rejects.toThrow(
      /In-cluster access needs KUBERNETES_SERVICE_HOST/,
    );
  });
});
