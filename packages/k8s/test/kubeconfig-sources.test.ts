import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { redactSecrets } from '@chaosgarden/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterAccessOptions, createKubeClient, listClusterKeyResources } from '../src/index';
import { type SandboxCluster, sandboxCluster } from './support/sandbox-cluster';

let cluster: SandboxCluster;
let directory: string;

/** Lists nodes with the given access: proves the credentials were accepted (anonymous gets 401/403). */
async function nodeNames(options: ClusterAccessOptions): Promise<string[]> {
  const client = await createKubeClient(options);
  try {
    const list = await client.request<{ items: { metadata: { name: string } }[] }>({
      verb: 'list',
      path: '/api/v1/nodes',
      operation: 'list nodes',
    });
    return list.items.map((node) => node.metadata.name);
  } finally {
    client.close();
  }
}

function writeJson(name: string, content: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

beforeAll(() => {
  cluster = sandboxCluster();
  directory = mkdtempSync(join(tmpdir(), 'chaosgarden-kubeconfig-e2e-'));
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('cluster access', () => {
  it('works from a kubeconfig path, YAML text, an object and the Python-style secrets', async () => {
    const path = cluster.connection.kubeconfigPath;
    const yaml = readFileSync(path, 'utf8');
    const sandboxNode = cluster.connection.nodes[0]?.name;
    expect(await nodeNames({ kubeconfig: { path } })).toContain(sandboxNode);
    expect(await nodeNames({ kubeconfig: { yaml } })).toContain(sandboxNode);
    expect(await nodeNames({ kubeconfig: { object: cluster.kubeconfig() } })).toContain(sandboxNode);
    expect(await nodeNames({ secrets: { kubeconfig_yaml: yaml } })).toContain(sandboxNode);
    expect(await nodeNames({ secrets: { kubeconfigPath: path } })).toContain(sandboxNode);
  });

  it('merges a $KUBECONFIG list of files the way kubectl does', async () => {
    const full = cluster.kubeconfig() as { clusters: unknown; users: unknown; contexts: unknown };
    const credentials = writeJson('credentials.json', { clusters: full.clusters, users: full.users });
    const contexts = writeJson('contexts.json', { 'current-context': 'test', contexts: full.contexts });
    const previous = process.env.KUBECONFIG;
    process.env.KUBECONFIG = [join(directory, 'missing.yaml'), contexts, credentials].join(delimiter);
    try {
      const resources = await listClusterKeyResources({
        podMetadataSelector: 'namespace=kube-system',
        leaseMetadataSelector: 'namespace=kube-node-lease',
      });
      expect(resources.nodes.map((node) => node.name)).toContain(cluster.connection.nodes[0]?.name);
    } finally {
      if (previous === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = previous;
    }
  });

  it('runs an exec credential plugin with the cluster info gardenlogin needs, and re-authenticates on 401', async () => {
    const plugin = join(directory, 'plugin.mjs');
    const state = join(directory, 'plugin-runs.txt');
    writeFileSync(
      plugin,
      `import { appendFileSync, readFileSync } from 'node:fs';
const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO);
if (info.spec.cluster?.server !== process.env.EXPECTED_SERVER || info.spec.cluster?.config?.shoot !== 'my-shoot') {
  process.stderr.write('no cluster info: ' + process.env.KUBERNETES_EXEC_INFO); process.exit(2);
}
let runs = 0; try { runs = readFileSync(process.env.STATE, 'utf8').length; } catch {}
appendFileSync(process.env.STATE, 'x');
// The first credential is stale, as an expired OIDC token would be: the server answers 401.
const token = runs === 0 ? 'stale-token-not-known-to-the-server' : process.env.GOOD_TOKEN;
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token } }));
`,
    );
    const config = cluster.kubeconfig(undefined, {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: process.execPath,
        args: [plugin],
        env: [
          { name: 'EXPECTED_SERVER', value: cluster.connection.kubeApiServerUrl },
          { name: 'STATE', value: state },
          { name: 'GOOD_TOKEN', value: cluster.connection.token },
        ],
        provideClusterInfo: true,
        interactiveMode: 'Never',
      },
    }) as { clusters: { cluster: Record<string, unknown> }[] };
    const [entry] = config.clusters;
    if (entry)
      entry.cluster.extensions = [
        { name: 'client.authentication.k8s.io/exec', extension: { shoot: 'my-shoot' } },
      ];
    expect(await nodeNames({ kubeconfig: { object: config } })).toContain(cluster.connection.nodes[0]?.name);
    expect(readFileSync(state, 'utf8')).toBe('xx');
  });

  it('authenticates with a client certificate', async () => {
    const kubeDir = dirname(cluster.connection.kubeCaPath);
    const key = join(directory, 'client.key');
    const csr = join(directory, 'client.csr');
    const certificate = join(directory, 'client.crt');
    const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
    openssl([
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      csr,
      '-subj',
      '/O=system:masters/CN=chaosgarden-cert-user',
    ]);
    openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      join(kubeDir, 'ca.crt'),
      '-CAkey',
      join(kubeDir, 'ca.key'),
      '-set_serial',
      String(Date.now()),
      '-days',
      '1',
      '-out',
      certificate,
    ]);
    const keyData = readFileSync(key).toString('base64');
    const config = cluster.kubeconfig(undefined, {
      'client-certificate-data': readFileSync(certificate).toString('base64'),
      'client-key-data': keyData,
    });
    expect(await nodeNames({ kubeconfig: { object: config } })).toContain(cluster.connection.nodes[0]?.name);
    expect(redactSecrets(`key: ${keyData}`)).toBe('key: ***');
  });

  it('uses the in-cluster service account when asked to', async () => {
    const serviceAccountDir = join(directory, 'root/var/run/secrets/kubernetes.io/serviceaccount');
    mkdirSync(serviceAccountDir, { recursive: true });
    writeFileSync(join(serviceAccountDir, 'token'), cluster.connection.token);
    writeFileSync(join(serviceAccountDir, 'ca.crt'), readFileSync(cluster.connection.kubeCaPath));
    writeFileSync(join(serviceAccountDir, 'namespace'), 'default');
    const server = new URL(cluster.connection.kubeApiServerUrl);
    const previous = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
    process.env.KUBERNETES_SERVICE_HOST = server.hostname;
    process.env.KUBERNETES_SERVICE_PORT = server.port;
    try {
      const names = await nodeNames({ kubeconfig: { inCluster: { pathPrefix: join(directory, 'root') } } });
      expect(names).toContain(cluster.connection.nodes[0]?.name);
    } finally {
      for (const [key, value] of [
        ['KUBERNETES_SERVICE_HOST', previous.host],
        ['KUBERNETES_SERVICE_PORT', previous.port],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('reports rejected credentials with a hint and no token in the message', async () => {
    const badToken = 'not-a-valid-sandbox-token-123456';
    const attempt = nodeNames({ kubeconfig: { object: cluster.kubeconfig(undefined, { token: badToken }) } });
    await expect(attempt).rejects.toThrow(
      /list nodes failed: KubeStatus: 401 Unauthorized.*credentials of the kubeconfig were rejected/,
    );
    await expect(attempt).rejects.not.toThrow(new RegExp(badToken));
  });
});
