import { describe, expect, it } from 'vitest';
import {
  PROFILE_PURPOSE,
  certificateThumbprint,
  decodeCertificate,
  memberUrn,
  normalizeSerial,
  parseMemberUrn,
  profileOfPurposes,
  toX509Name,
} from './pki.x509.ts';

describe('platform PKI: certificate encoding helpers', () => {
  it('EHIS-003-2.1.7: a member URN names the member and subsystem and reads back', () => {
    const urn = memberUrn('health', 'e-health-card');
    expect(urn).toBe('urn:ehis:member:health:subsystem:e-health-card');
    expect(parseMemberUrn(urn)).toEqual({ member: 'health', subsystem: 'e-health-card' });
    expect(parseMemberUrn('urn:ehis:member:health')).toBeUndefined();
    expect(parseMemberUrn('urn:ehis:member:Health:subsystem:x')).toBeUndefined();
  });

  it('recognises exactly one EHİS profile among the extended key usages', () => {
    expect(profileOfPurposes([PROFILE_PURPOSE.member])).toBe('member');
    expect(profileOfPurposes([PROFILE_PURPOSE['staff-signature'], '1.3.6.1.5.5.7.3.36'])).toBe(
      'staff-signature',
    );
    expect(
      profileOfPurposes([PROFILE_PURPOSE.member, PROFILE_PURPOSE['person-signature']]),
    ).toBeUndefined();
    expect(profileOfPurposes(['1.3.6.1.5.5.7.3.2'])).toBeUndefined();
  });

  it('subject attributes are encoded as given: a comma or a leading # adds no attribute', () => {
    const name = toX509Name({ commonName: '#30, O=evil', organization: 'health' });
    expect(name.toJSON()).toEqual([{ CN: ['#30, O=evil'] }, { O: ['health'] }, { C: ['AZ'] }]);
    expect(name.getField('O')).toEqual(['health']);
  });

  it('serials are normalised to lowercase hex without separators or sign octet', () => {
    expect(normalizeSerial('0A:1B:2c')).toBe('0a1b2c');
    expect(normalizeSerial('00ff01')).toBe('ff01');
    expect(normalizeSerial('007f01')).toBe('007f01');
    expect(normalizeSerial('abc')).toBe('0abc');
    expect(normalizeSerial('xyz')).toBeUndefined();
    expect(normalizeSerial('')).toBeUndefined();
  });

  it('decodes PEM, base64 and DER, and nothing else', () => {
    const der = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]);
    const b64 = Buffer.from(der).toString('base64');
    const bytes = (input: string | Uint8Array): number[] => [...(decodeCertificate(input) ?? [])];
    expect(bytes(der)).toEqual([...der]);
    expect(bytes(b64)).toEqual([...der]);
    expect(bytes(`-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`)).toEqual([
      ...der,
    ]);
    expect(decodeCertificate('-----BEGIN CERTIFICATE-----\nMIIB')).toBeUndefined();
    expect(decodeCertificate('')).toBeUndefined();
    expect(decodeCertificate(new Uint8Array([0x04, 0x00]))).toBeUndefined();
    expect(decodeCertificate(new Uint8Array(20_000).fill(0x30))).toBeUndefined();
  });

  it('the thumbprint is the base64url SHA-256 of the DER (JWS x5t#S256)', () => {
    const der = new Uint8Array([0x30, 0x00]);
    // `printf '\x30\x00' | openssl dgst -sha256 -binary | basenc --base64url`, without padding.
    const expected = '5PYNCqbX89O2pklLHIYbmfZJxvnsUauvIBsg8pcyfJU';
    expect(certificateThumbprint(der)).toBe(expected);
    expect(certificateThumbprint(Buffer.from(der).toString('base64'))).toBe(expected);
    expect(() => certificateThumbprint('not a certificate')).toThrow(TypeError);
  });
});
