import { X509Certificate } from 'node:crypto';
import { loadOrCreateSigningKey } from '../platform/crypto/signing-key.ts';
import type { ExchangeIdentity } from './client.ts';
import type { ExchangeAdmin } from './exchange.service.ts';
import type { RegisterMemberBody } from './exchange.schema.ts';

export const BOOTSTRAP_ACTOR = 'system:bootstrap';

/**
 * Makes sure a subsystem hosted by this platform is a registered member subsystem with a key of
 * its own (kept under `<dataDir>/keys/exchange/`), and returns its identity. Idempotent: run at
 * every start.
 */
export async function ensurePlatformSubsystem(
  admin: ExchangeAdmin,
  dataDir: string,
  member: RegisterMemberBody,
  subsystem: { readonly code: string; readonly name: string },
): Promise<ExchangeIdentity> {
  const key = await loadOrCreateSigningKey({
    name: `exchange/${member.code}.${subsystem.code}`,
    dataDir,
  });
  const members = await admin.listMembers();
  if (!members.some((m) => m.code === member.code))
    await admin.registerMember(member, BOOTSTRAP_ACTOR);
  const existing = members
    .find((m) => m.code === member.code)
    ?.subsystems.find((s) => s.code === subsystem.code);
  let thumbprint: string;
  if (existing === undefined) {
    const { kid: _kid, alg: _alg, use: _use, ...publicKeyJwk } = key.publicJwk;
    thumbprint = (
      await admin.registerSubsystem(
        { member: member.code, code: subsystem.code, name: subsystem.name, publicKeyJwk },
        BOOTSTRAP_ACTOR,
      )
    ).thumbprint;
  } else {
    const certificate = await admin.subsystemCertificate(member.code, subsystem.code);
    const registered = new X509Certificate(certificate).publicKey.export({ format: 'jwk' });
    if (registered.x !== key.publicJwk.x || registered.y !== key.publicJwk.y) {
      throw new Error(
        `exchange subsystem ${member.code}/${subsystem.code} is registered with another key than keys/exchange/${member.code}.${subsystem.code}.jwk.json: restore the key file or revoke and re-register the subsystem`,
      );
    }
    thumbprint = existing.certificateThumbprint;
  }
  return {
    member: member.code,
    subsystem: subsystem.code,
    privateKey: key.signer,
    certificateThumbprint: thumbprint,
  };
}
