import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './run-command';

/** Files of the sandbox's control-plane identity, all under `<state>/kube/`. */
export interface ControlPlaneCredentials {
  readonly caCertPath: string;
  readonly caKeyPath: string;
  readonly servingCertPath: string;
  readonly servingKeyPath: string;
  /** Serving certificate for the secure ports of kube-controller-manager and kube-scheduler. */
  readonly componentCertPath: string;
  readonly componentKeyPath: string;
  readonly serviceAccountKeyPath: string;
  readonly serviceAccountPublicKeyPath: string;
  readonly tokensPath: string;
  /** One bearer token per identity; `admin` is in `system:masters`. */
  readonly tokens: Readonly<Record<ControlPlaneUser, string>>;
}

export type ControlPlaneUser = 'admin' | 'controllerManager' | 'scheduler' | 'kwok';

// token-auth-file rows: token,user,uid,"groups". The component users get the bootstrap RBAC roles that
// kube-apiserver creates for them (system:kube-controller-manager, system:kube-scheduler).
const users: Record<ControlPlaneUser, { name: string; groups: string }> = {
  admin: { name: 'sandbox-admin', groups: 'system:masters' },
  controllerManager: { name: 'system:kube-controller-manager', groups: '' },
  scheduler: { name: 'system:kube-scheduler', groups: '' },
  // kwok acts for many kubelets at once (node status, leases, pod status, deletion).
  kwok: { name: 'sandbox-kwok', groups: 'system:masters' },
};

/**
 * Generates a throwaway CA, the kube-apiserver serving certificate (127.0.0.1, localhost and the in-cluster
 * names), the service-account signing key pair and the bearer tokens. Node has no API to issue X.509
 * certificates, so the certificates come from `openssl`; the keys and tokens from node:crypto.
 */
export async function createControlPlaneCredentials(
  kubeDir: string,
  logFile: string,
): Promise<ControlPlaneCredentials> {
  const path = (name: string) => join(kubeDir, name);
  const credentials: ControlPlaneCredentials = {
    caCertPath: path('ca.crt'),
    caKeyPath: path('ca.key'),
    servingCertPath: path('apiserver.crt'),
    servingKeyPath: path('apiserver.key'),
    componentCertPath: path('components.crt'),
    componentKeyPath: path('components.key'),
    serviceAccountKeyPath: path('service-account.key'),
    serviceAccountPublicKeyPath: path('service-account.pub'),
    tokensPath: path('tokens.csv'),
    tokens: {
      admin: token(),
      controllerManager: token(),
      scheduler: token(),
      kwok: token(),
    },
  };
  const purpose = 'Generating the sandbox certificates with openssl';
  const openssl = (args: string[]) => runCommand('openssl', args, { cwd: kubeDir, logFile, purpose });
  // biome-ignore format: openssl arguments read best as a command line
  await openssl([
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '365', '-subj', '/CN=chaosgarden-sandbox-ca',
    '-keyout', credentials.caKeyPath, '-out', credentials.caCertPath,
  ]);
  await issueServingCertificate(openssl, kubeDir, 'apiserver', credentials, [
    'IP:127.0.0.1',
    'IP:10.0.0.1',
    'DNS:localhost',
    'DNS:kubernetes',
    'DNS:kubernetes.default',
    'DNS:kubernetes.default.svc',
    'DNS:kubernetes.default.svc.cluster.local',
  ]);
  await issueServingCertificate(openssl, kubeDir, 'components', credentials, [
    'IP:127.0.0.1',
    'DNS:localhost',
  ]);

  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  await writeFile(credentials.serviceAccountKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
  });
  await writeFile(credentials.serviceAccountPublicKeyPath, publicKey.export({ type: 'spki', format: 'pem' }));
  const rows = (Object.keys(users) as ControlPlaneUser[]).map((user) => {
    const { name, groups } = users[user];
    return `${credentials.tokens[user]},${name},${name}${groups ? `,"${groups}"` : ''}`;
  });
  await writeFile(credentials.tokensPath, `${rows.join('\n')}\n`, { mode: 0o600 });
  return credentials;
}

async function issueServingCertificate(
  openssl: (args: string[]) => Promise<void>,
  kubeDir: string,
  name: string,
  ca: { caCertPath: string; caKeyPath: string },
  subjectAltNames: readonly string[],
): Promise<void> {
  const path = (suffix: string) => join(kubeDir, `${name}.${suffix}`);
  await writeFile(
    path('ext'),
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=${subjectAltNames.join(',')}`,
      '',
    ].join('\n'),
  );
  // biome-ignore format: openssl arguments read best as a command line
  await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-keyout', path('key'), '-out', path('csr')]);
  // biome-ignore format: openssl arguments read best as a command line
  await openssl([
    'x509', '-req', '-in', path('csr'), '-CA', ca.caCertPath, '-CAkey', ca.caKeyPath, '-CAcreateserial',
    '-days', '365', '-extfile', path('ext'), '-out', path('crt'),
  ]);
}

function token(): string {
  return randomBytes(24).toString('hex');
}

/** A kubeconfig (YAML) for one user of the sandbox's apiserver. */
export function kubeconfigYaml(options: {
  server: string;
  caPem: string;
  user: string;
  token: string;
}): string {
  const ca = Buffer.from(options.caPem).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: chaosgarden-sandbox',
    '  cluster:',
    `    server: ${options.server}`,
    `    certificate-authority-data: ${ca}`,
    'users:',
    `- name: ${options.user}`,
    '  user:',
    `    token: ${options.token}`,
    'contexts:',
    '- name: chaosgarden-sandbox',
    '  context:',
    '    cluster: chaosgarden-sandbox',
    `    user: ${options.user}`,
    'current-context: chaosgarden-sandbox',
    '',
  ].join('\n');
}
