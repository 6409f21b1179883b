import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAgentSettings } from './agent-settings';

const directory = mkdtempSync(join(tmpdir(), 'agent-settings-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const local = {
  CHAOSGARDEN_PROBE_POD_NAME: 'probe-1',
  CHAOSGARDEN_PROBE_POD_NAMESPACE: 'chaos-garden-probe',
  CHAOSGARDEN_PROBE_API_SERVER: 'https://127.0.0.1:6443',
  CHAOSGARDEN_PROBE_TOKEN: 'token-1',
};

describe('readAgentSettings', () => {
  it('takes every pod fact from CHAOSGARDEN_PROBE_* overrides', () => {
    const settings = readAgentSettings(['probe'], {
      ...local,
      CHAOSGARDEN_PROBE_ZONE: 'zone-a',
      CHAOSGARDEN_PROBE_INTERNAL_API_SERVER: 'https://127.0.0.1:7443',
      CHAOSGARDEN_PROBE_DNS_EXTERNAL_NAME: 'localhost',
      CHAOSGARDEN_PROBE_DNS_INTERNAL_NAME: 'localhost',
      CHAOSGARDEN_PROBE_WEBHOOK_LISTEN: '127.0.0.1:0',
      CHAOSGARDEN_PROBE_WORKERS: 'api, dns',
    });
    expect(settings).toMatchObject({
      role: 'probe',
      podName: 'probe-1',
      podNamespace: 'chaos-garden-probe',
      zone: 'zone-a',
      apiServer: 'https://127.0.0.1:6443',
      internalApiServer: 'https://127.0.0.1:7443',
      dnsExternalName: 'localhost',
      dnsInternalName: 'localhost',
      webhookListen: { host: '127.0.0.1', port: 0 },
    });
    expect(settings.token()).toBe('token-1');
    expect([...settings.workers]).toEqual(['api', 'dns']);
  });

  it('falls back to what a pod has: service host, cluster DNS name, port 8080, all workers', () => {
    const settings = readAgentSettings([], {
      CHAOSGARDEN_PROBE_POD_NAME: 'p',
      CHAOSGARDEN_PROBE_POD_NAMESPACE: 'n',
      KUBERNETES_SERVICE_HOST: 'api.shoot.example.com',
      KUBERNETES_SERVICE_PORT: '443',
    });
    expect(settings).toMatchObject({
      role: 'probe',
      zone: undefined,
      apiServer: 'https://api.shoot.example.com:443',
      internalApiServer: 'https://kubernetes.default.svc.cluster.local',
      dnsExternalName: 'api.shoot.example.com',
      dnsInternalName: 'kubernetes.default.svc.cluster.local',
      webhookListen: { host: '0.0.0.0', port: 8080 },
      tlsCertFile: '/tls/webhook.crt',
    });
    expect([...settings.workers]).toEqual(['api', 'dns', 'dns-management', 'web-hook']);
    expect(
      readAgentSettings([], {
        ...local,
        CHAOSGARDEN_PROBE_API_SERVER: undefined,
        KUBERNETES_SERVICE_HOST: 'fd00::1',
        KUBERNETES_SERVICE_PORT: '443',
      }).apiServer,
    ).toBe('https://[fd00::1]:443');
  });

  it('reads the token file on every call, so a rotated token is used', () => {
    const tokenFile = join(directory, 'token');
    writeFileSync(tokenFile, 'first\n');
    const settings = readAgentSettings([], {
      ...local,
      CHAOSGARDEN_PROBE_TOKEN: undefined,
      CHAOSGARDEN_PROBE_TOKEN_FILE: tokenFile,
    });
    expect(settings.token()).toBe('first');
    writeFileSync(tokenFile, 'second');
    expect(settings.token()).toBe('second');
  });

  it('says which setting to pass outside a pod, and refuses unknown roles and workers', () => {
    expect(() => readAgentSettings([], { CHAOSGARDEN_PROBE_API_SERVER: 'https://x' })).toThrow(
      /set CHAOSGARDEN_PROBE_POD_NAME/,
    );
    expect(() =>
      readAgentSettings([], { CHAOSGARDEN_PROBE_POD_NAME: 'p', CHAOSGARDEN_PROBE_POD_NAMESPACE: 'n' }),
    ).toThrow(/CHAOSGARDEN_PROBE_API_SERVER/);
    expect(() => readAgentSettings(['killer'], local)).toThrow(/Unknown agent role killer/);
    expect(() => readAgentSettings([], { ...local, CHAOSGARDEN_PROBE_WORKERS: 'api,ping' })).toThrow(
      /Unknown worker ping/,
    );
  });
});
