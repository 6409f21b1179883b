import { createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

/** PEM texts of the webhook's TLS material. */
export interface WebhookTls {
  /** Self-signed certificate (`CERTIFICATE`). */
  readonly certificatePem: string;
  /** RSA key in PKCS#1 (`RSA PRIVATE KEY`). */
  readonly keyPem: string;
}

/**
 * A fresh RSA-2048 key (exponent 65537) and a self-signed SHA-256 certificate for `commonName`: subject =
 * issuer = `CN=<commonName>`, a critical subjectAltName with that DNS name, a random serial, valid from
 * now for `validHours` (24 h as in the Python tool). Node has no certificate builder, so the DER is
 * written here; `X509Certificate` reads it back in the tests.
 */
export function createWebhookTls(commonName: string, validHours = 24, now = new Date()): WebhookTls {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicExponent: 65537,
  });
  const algorithm = sequence(oid('1.2.840.113549.1.1.11'), tlv(0x05, Buffer.alloc(0)));
  const name = sequence(set(sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
  const serial = randomBytes(16);
  serial[0] = ((serial[0] as number) & 0x7f) | 0x40; // positive and without a leading zero byte
  const notAfter = new Date(now.getTime() + validHours * 3_600_000);
  const subjectAltName = sequence(
    oid('2.5.29.17'),
    tlv(0x01, Buffer.from([0xff])), // critical
    tlv(0x04, sequence(tlv(0x82, Buffer.from(commonName, 'ascii')))),
  );
  const tbs = sequence(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))), // v3
    tlv(0x02, serial),
    algorithm,
    name,
    sequence(utcTime(now), utcTime(notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, sequence(subjectAltName)),
  );
  const signature = sign('sha256', tbs, privateKey);
  const certificate = sequence(tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const base64 = certificate
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return {
    certificatePem: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`,
    keyPem: createPrivateKey(privateKey.export({ type: 'pkcs1', format: 'pem' })).export({
      type: 'pkcs1',
      format: 'pem',
    }) as string,
  };
}

function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  let header: Buffer;
  if (length < 0x80) {
    header = Buffer.from([tag, length]);
  } else {
    const bytes: number[] = [];
    for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
    header = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([header, content]);
}

function sequence(...items: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items));
}

function set(...items: Buffer[]): Buffer {
  return tlv(0x31, Buffer.concat(items));
}

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const encoded = [arc & 0x7f];
    for (let value = arc >> 7; value > 0; value >>= 7) encoded.unshift((value & 0x7f) | 0x80);
    bytes.push(...encoded);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const two = (value: number) => String(value).padStart(2, '0');
  const text =
    two(date.getUTCFullYear() % 100) +
    two(date.getUTCMonth() + 1) +
    two(date.getUTCDate()) +
    two(date.getUTCHours()) +
    two(date.getUTCMinutes()) +
    two(date.getUTCSeconds()) +
    'Z';
  return tlv(0x17, Buffer.from(text, 'ascii'));
}
