import { describe, expect, it } from 'vitest';
import { x509 } from '../../platform/pki/pki.x509.ts';
import { keyUsageOf } from './certificates.service.ts';

const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

async function certificateWith(usages: number | undefined): Promise<Uint8Array> {
  const keys = await crypto.subtle.generateKey(P256, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=Test, C=AZ',
    keys,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: usages === undefined ? [] : [new x509.KeyUsagesExtension(usages, true)],
  });
  return new Uint8Array(cert.rawData);
}

describe('key usage of a certificate (IAM-002-LOGIN-5: a login needs digitalSignature)', () => {
  it('reads the bits of the keyUsage extension', async () => {
    const signing = await certificateWith(
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
    );
    expect([...keyUsageOf(signing)].sort()).toEqual(['digitalSignature', 'nonRepudiation']);
    const ca = await certificateWith(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
    expect([...keyUsageOf(ca)].sort()).toEqual(['cRLSign', 'keyCertSign']);
  });

  it('claims nothing without the extension or for bytes that are not a certificate', async () => {
    expect(keyUsageOf(await certificateWith(undefined)).size).toBe(0);
    expect(keyUsageOf(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00])).size).toBe(0);
    expect(keyUsageOf(new Uint8Array([1, 2, 3])).size).toBe(0);
  });
});
