import { createPrivateKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createWebhookTls } from './self-signed-certificate';

describe('createWebhookTls', () => {
  const now = new Date('2026-01-02T03:04:05Z');
  const tls = createWebhookTls('probe.chaos-garden-probe.svc', 24, now);
  const certificate = new X509Certificate(tls.certificatePem);

  it('writes a self-signed certificate for the service name, valid for 24 h', () => {
    expect(certificate.subject).toBe('CN=probe.chaos-garden-probe.svc');
    expect(certificate.issuer).toBe('CN=probe.chaos-garden-probe.svc');
    expect(certificate.subjectAltName).toBe('DNS:probe.chaos-garden-probe.svc');
    expect(new Date(certificate.validFrom).toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(new Date(certificate.validTo).toISOString()).toBe('2026-01-03T03:04:05.000Z');
    expect(certificate.verify(certificate.publicKey)).toBe(true);
  });

  it('uses an RSA-2048 key in PKCS#1 PEM that belongs to the certificate', () => {
    expect(tls.keyPem.startsWith('-----BEGIN RSA PRIVATE KEY-----')).toBe(true);
    const key = createPrivateKey(tls.keyPem);
    expect(key.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
    expect(certificate.checkPrivateKey(key)).toBe(true);
  });

  it('draws a new serial number each time', () => {
    const other = new X509Certificate(createWebhookTls('x.svc').certificatePem);
    expect(other.serialNumber).not.toBe(certificate.serialNumber);
  });
});
