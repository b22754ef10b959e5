import { CompactSign, compactVerify, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { JwsError, peekJwsHeader, signJws, verifyJws } from './jws.ts';

describe('ES256 compact JWS on node:crypto', () => {
  it('interoperates with jose both ways', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const ours = await signJws({ typ: 'test', kid: 'k1' }, '{"a":1}', privateKey);
    const checked = await compactVerify(ours, publicKey);
    expect(new TextDecoder().decode(checked.payload)).toBe('{"a":1}');
    expect(checked.protectedHeader).toMatchObject({ alg: 'ES256', typ: 'test', kid: 'k1' });
    const theirs = await new CompactSign(new TextEncoder().encode('hello'))
      .setProtectedHeader({ alg: 'ES256' })
      .sign(privateKey);
    expect((await verifyJws(theirs, publicKey)).payload.toString()).toBe('hello');
    expect(peekJwsHeader(theirs)).toEqual({ alg: 'ES256' });
  });

  it('refuses a changed payload, another key, another algorithm and garbage', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const other = await generateKeyPair('ES256');
    const jws = await signJws({}, 'data', privateKey);
    const [h, , s] = jws.split('.');
    await expect(
      verifyJws(`${h}.${Buffer.from('date').toString('base64url')}.${s}`, publicKey),
    ).rejects.toThrow(JwsError);
    await expect(verifyJws(jws, other.publicKey)).rejects.toThrow(JwsError);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('x').toString('base64url')}.`;
    await expect(verifyJws(none, publicKey)).rejects.toThrow(/ES256/);
    await expect(verifyJws('garbage', publicKey)).rejects.toThrow(JwsError);
  });
});
