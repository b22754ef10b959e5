import { signJws, type JwsKey } from '../platform/crypto/jws.ts';

/**
 * The protected header of a batch signature (docs/integrating-an-agency.md §5). The staff
 * certificate travels in `x5c`; the client subsystem, the service and the purpose are private
 * header parameters, so the e-signature covers them together with the content. (`x5t#S256` would
 * have to name the signer's own certificate, RFC 7515 §4.1.8, so it cannot carry the subsystem.)
 */
export interface BatchSignatureHeader {
  readonly alg: 'ES256';
  readonly typ: 'ehis-batch+jws';
  /** The staff e-signature certificate, base64 DER (RFC 7515 §4.1.6). */
  readonly x5c: readonly [string, ...string[]];
  /** The client subsystem the batch is entered for: `member/subsystem`. */
  readonly 'ehis-client': string;
  /** The service: `member/subsystem/service`. */
  readonly 'ehis-service': string;
  /** One of the purposes of the client's access grant. */
  readonly 'ehis-purpose': string;
  /** When it was signed (seconds); recorded, not limited: batches may be signed offline. */
  readonly iat: number;
}

/** Base64 DER of a PEM certificate, as `x5c` carries it. */
export function x5cOf(certificatePem: string): string {
  return certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

/**
 * Signs batch content with a staff e-signature key: a detached JWS (RFC 7515 Appendix F),
 * `<header>..<signature>`, whose payload is the UTF-8 bytes of `content`. What an e-cabinet or a
 * signing tool produces; TypeScript members and the tests use this.
 */
export async function signBatch(
  signer: { readonly privateKey: JwsKey; readonly certificatePem: string },
  batch: {
    readonly client: string;
    readonly service: string;
    readonly purpose: string;
    readonly content: string;
  },
  now: Date = new Date(),
): Promise<string> {
  const header: BatchSignatureHeader = {
    alg: 'ES256',
    typ: 'ehis-batch+jws',
    x5c: [x5cOf(signer.certificatePem)],
    'ehis-client': batch.client,
    'ehis-service': batch.service,
    'ehis-purpose': batch.purpose,
    iat: Math.floor(now.getTime() / 1000),
  };
  const [protectedHeader, , signature] = (
    await signJws({ ...header }, batch.content, signer.privateKey)
  ).split('.');
  return `${protectedHeader ?? ''}..${signature ?? ''}`;
}
