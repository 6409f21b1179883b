import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redactSecrets } from '@chaosgarden/core';
import { afterAll, describe, expect, it } from 'vitest';
import { ExecCredentialPlugin } from './exec-credential-plugin';

const directory = mkdtempSync(join(tmpdir(), 'chaosgarden-exec-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// A stand-in for kubelogin/gardenlogin: records its input, counts its runs, prints an ExecCredential.
const pluginPath = join(directory, 'plugin.mjs');
writeFileSync(
  pluginPath,
  `import { appendFileSync } from 'node:fs';
const [log, mode, expiresInMs] = process.argv.slice(2);
appendFileSync(log, JSON.stringify({ info: JSON.parse(process.env.KUBERNETES_EXEC_INFO), extra: process.env.EXTRA ?? null }) + '\\n');
if (mode === 'fail') { process.stderr.write('login required: run gardenlogin'); process.exit(3); }
const status = mode === 'empty' ? {} : mode === 'cert'
  ? { clientCertificateData: 'CERT', clientKeyData: 'exec-client-key-material' }
  : { token: 'exec-token-' + Date.now() + '-' + Math.random().toString(16).slice(2) };
if (expiresInMs) status.expirationTimestamp = new Date(Date.now() + Number(expiresInMs)).toISOString();
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status }));
`,
);

let logCounter = 0;
function plugin(
  mode: string,
  options: { expiresInMs?: number; exec?: Record<string, unknown>; cluster?: Record<string, unknown> } = {},
) {
  const log = join(directory, `runs-${logCounter++}.jsonl`);
  const args = [
    pluginPath,
    log,
    mode,
    ...(options.expiresInMs === undefined ? [] : [String(options.expiresInMs)]),
  ];
  const instance = new ExecCredentialPlugin({
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1',
      command: process.execPath,
      args,
      env: [{ name: 'EXTRA', value: 'from-kubeconfig' }],
      ...options.exec,
    },
    cluster: options.cluster ?? { server: 'https://api.example:6443' },
  });
  const runs = () =>
    readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { info: { spec: Record<string, unknown> }; extra: string });
  return { instance, runs };
}

describe('ExecCredentialPlugin', () => {
  it('runs the plugin non-interactively with its env and caches a credential without expiry', async () => {
    const { instance, runs } = plugin('token');
    const first = await instance.credential();
    const second = await instance.credential();
    expect(first.token).toMatch(/^exec-token-/);
    expect(second).toBe(first);
    expect(runs()).toHaveLength(1);
    expect(runs()[0]).toEqual({
      info: {
        apiVersion: 'client.authentication.k8s.io/v1',
        kind: 'ExecCredential',
        spec: { interactive: false },
      },
      extra: 'from-kubeconfig',
    });
    expect(redactSecrets(`Bearer ${first.token}`)).toBe('Bearer ***');
  });

  it('shares one run between concurrent callers and runs again after invalidate()', async () => {
    const { instance, runs } = plugin('token');
    const [a, b] = await Promise.all([instance.credential(), instance.credential()]);
    expect(a).toBe(b);
    instance.invalidate();
    expect((await instance.credential()).token).not.toBe(a.token);
    expect(runs()).toHaveLength(2);
  });

  it('runs again when the credential is about to expire', async () => {
    const { instance, runs } = plugin('token', { expiresInMs: 5_000 });
    await instance.credential();
    await instance.credential();
    expect(runs()).toHaveLength(2);
  });

  it('passes the cluster (server, CA, exec extension) when provideClusterInfo is set, as gardenlogin needs', async () => {
    const { instance, runs } = plugin('cert', {
      exec: { provideClusterInfo: true },
      cluster: {
        server: 'https://shoot.example',
        'certificate-authority-data': 'Q0E=',
        extensions: [
          { name: 'client.authentication.k8s.io/exec', extension: { shootRef: { name: 'my-shoot' } } },
        ],
      },
    });
    const credential = await instance.credential();
    expect(credential).toEqual({ clientCertificateData: 'CERT', clientKeyData: 'exec-client-key-material' });
    expect(runs()[0]?.info.spec).toEqual({
      interactive: false,
      cluster: {
        server: 'https://shoot.example',
        'certificate-authority-data': 'Q0E=',
        config: { shootRef: { name: 'my-shoot' } },
      },
    });
  });

  it('reports a failing plugin with its stderr', async () => {
    await expect(plugin('fail').instance.credential()).rejects.toThrow(
      /exec credential plugin .* exited with code 3: login required: run gardenlogin/,
    );
  });

  it('reports a plugin that returns no credential', async () => {
    await expect(plugin('empty').instance.credential()).rejects.toThrow(
      /neither a token nor a client certificate/,
    );
  });

  it('reports a missing plugin with its install hint', async () => {
    const instance = new ExecCredentialPlugin({
      exec: {
        command: join(directory, 'kubectl-oidc_login'),
        installHint: 'Install kubelogin: brew install kubelogin',
      },
      cluster: { server: 'https://x' },
    });
    await expect(instance.credential()).rejects.toThrow(
      /could not be started \(ENOENT\)\. Install kubelogin/,
    );
  });

  it('refuses plugins that insist on an interactive terminal', () => {
    expect(
      () =>
        new ExecCredentialPlugin({
          exec: { command: 'x', interactiveMode: 'Always' },
          cluster: { server: 'https://x' },
        }),
    ).toThrow(/needs an interactive terminal/);
  });
});
