import { readFileSync } from 'node:fs';

/**
 * What the agent reads from its pod, each overridable by an environment variable so the agent can run
 * as a plain local process (tests run one per zone against kwok pods, which run no containers).
 */
export interface AgentSettings {
  /** `probe` (one per zone: API, DNS, web-hook probes, web-hook server) or `suicidal` (pod-lifecycle). */
  readonly role: 'probe' | 'suicidal';
  /** `CHAOSGARDEN_PROBE_POD_NAME`, default: file `/pod/name`. */
  readonly podName: string;
  /** `CHAOSGARDEN_PROBE_POD_NAMESPACE`, default: file `/pod/namespace`. */
  readonly podNamespace: string;
  /** `CHAOSGARDEN_PROBE_ZONE`, default: looked up (pod → node → `topology.kubernetes.io/zone`). */
  readonly zone: string | undefined;
  /**
   * `CHAOSGARDEN_PROBE_API_SERVER`: every API call and the `api-external` probe go here. Default
   * `https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT` (in Gardener shoots the public domain).
   */
  readonly apiServer: string;
  /** `CHAOSGARDEN_PROBE_INTERNAL_API_SERVER`, default `https://kubernetes.default.svc.cluster.local`. */
  readonly internalApiServer: string;
  /** `CHAOSGARDEN_PROBE_TOKEN`; default: the file `CHAOSGARDEN_PROBE_TOKEN_FILE` (service account token), read per call. */
  readonly token: () => string;
  /** `CHAOSGARDEN_PROBE_CA_FILE`, default the service account's `ca.crt`. */
  readonly caPem: string | undefined;
  /** `CHAOSGARDEN_PROBE_DNS_EXTERNAL_NAME`, default: the host of `apiServer`. */
  readonly dnsExternalName: string;
  /** `CHAOSGARDEN_PROBE_DNS_INTERNAL_NAME`, default `kubernetes.default.svc.cluster.local`. */
  readonly dnsInternalName: string;
  /** `CHAOSGARDEN_PROBE_WEBHOOK_LISTEN` (`host:port`), default `0.0.0.0:8080`; port 0 picks a free one. */
  readonly webhookListen: { readonly host: string; readonly port: number };
  /** `CHAOSGARDEN_PROBE_TLS_CERT_FILE` / `_TLS_KEY_FILE`, default `/tls/webhook.crt` / `/tls/webhook.key`. */
  readonly tlsCertFile: string;
  readonly tlsKeyFile: string;
  /**
   * `CHAOSGARDEN_PROBE_WORKERS`: comma list of `api`, `dns`, `dns-management`, `web-hook`. Default all.
   */
  readonly workers: ReadonlySet<string>;
}

const serviceAccount = '/var/run/secrets/kubernetes.io/serviceaccount';
export const allWorkers = ['api', 'dns', 'dns-management', 'web-hook'] as const;

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the settings from the environment, falling back to what a pod has. */
export function readAgentSettings(argv: readonly string[], env: Env): AgentSettings {
  const setting = (name: string) => {
    const value = env[`CHAOSGARDEN_PROBE_${name}`];
    return value === undefined || value === '' ? undefined : value;
  };
  const role = argv[0] ?? setting('ROLE') ?? 'probe';
  if (role !== 'probe' && role !== 'suicidal')
    throw new Error(`Unknown agent role ${role} (probe or suicidal).`);
  const host = env.KUBERNETES_SERVICE_HOST;
  const apiServer =
    setting('API_SERVER') ??
    (host
      ? `https://${host.includes(':') ? `[${host}]` : host}:${env.KUBERNETES_SERVICE_PORT ?? '443'}`
      : undefined);
  if (apiServer === undefined) {
    throw new Error(
      'No API server: set CHAOSGARDEN_PROBE_API_SERVER (outside a pod) or KUBERNETES_SERVICE_HOST.',
    );
  }
  const fixedToken = setting('TOKEN');
  const tokenFile = setting('TOKEN_FILE') ?? `${serviceAccount}/token`;
  const caFile = setting('CA_FILE') ?? `${serviceAccount}/ca.crt`;
  const listen = setting('WEBHOOK_LISTEN') ?? '0.0.0.0:8080';
  const colon = listen.lastIndexOf(':');
  const workers = (setting('WORKERS') ?? allWorkers.join(','))
    .split(',')
    .map((worker) => worker.trim())
    .filter((worker) => worker !== '');
  for (const worker of workers) {
    if (!(allWorkers as readonly string[]).includes(worker)) {
      throw new Error(`Unknown worker ${worker} in CHAOSGARDEN_PROBE_WORKERS (${allWorkers.join(', ')}).`);
    }
  }
  return {
    role,
    podName: setting('POD_NAME') ?? readPodFile('/pod/name', 'POD_NAME'),
    podNamespace: setting('POD_NAMESPACE') ?? readPodFile('/pod/namespace', 'POD_NAMESPACE'),
    zone: setting('ZONE'),
    apiServer,
    internalApiServer: setting('INTERNAL_API_SERVER') ?? 'https://kubernetes.default.svc.cluster.local',
    token: fixedToken === undefined ? () => readText(tokenFile) : () => fixedToken,
    caPem: tryReadText(caFile),
    dnsExternalName: setting('DNS_EXTERNAL_NAME') ?? new URL(apiServer).hostname.replace(/^\[|\]$/g, ''),
    dnsInternalName: setting('DNS_INTERNAL_NAME') ?? 'kubernetes.default.svc.cluster.local',
    webhookListen: { host: listen.slice(0, colon), port: Number(listen.slice(colon + 1)) },
    tlsCertFile: setting('TLS_CERT_FILE') ?? '/tls/webhook.crt',
    tlsKeyFile: setting('TLS_KEY_FILE') ?? '/tls/webhook.key',
    workers: new Set(workers),
  };
}

function readText(path: string): string {
  return readFileSync(path, 'utf8').trim();
}

function readPodFile(path: string, setting: string): string {
  try {
    return readText(path);
  } catch {
    throw new Error(`Cannot read ${path} (not in a probe pod?): set CHAOSGARDEN_PROBE_${setting}.`);
  }
}

function tryReadText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
