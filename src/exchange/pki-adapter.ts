import type { CertificateAuthority } from '../platform/pki/index.ts';
import { memberSubject } from '../platform/pki/index.ts';
import type { MemberCertificateIssuer } from './exchange.service.ts';
import type { CertificateChecker } from './gateway.ts';

/** Member certificates are valid two years; renewal is a new registration of the key. */
const MEMBER_CERTIFICATE_DAYS = 730;

/** The exchange's view of the platform CA: issue member certificates, check them per call. */
export function memberCertificates(ca: CertificateAuthority): {
  issuer: MemberCertificateIssuer;
  checker: CertificateChecker;
} {
  return {
    issuer: {
      async issueMemberCertificate({ member, subsystem, publicKeyJwk }) {
        const issued = await ca.issueCertificate({
          profile: 'member',
          subject: memberSubject(member, subsystem),
          publicKey: publicKeyJwk,
          validDays: MEMBER_CERTIFICATE_DAYS,
          member: { member, subsystem },
        });
        return { pem: issued.pem, serial: issued.serial, thumbprint: issued.thumbprint };
      },
    },
    checker: {
      async check(certificatePem, at) {
        const result = await ca.validateChain(certificatePem, at, { profile: 'member' });
        if (!result.ok) return { ok: false, reason: result.reason };
        return { ok: true, member: result.member ?? '', subsystem: result.subsystem ?? '' };
      },
    },
  };
}
