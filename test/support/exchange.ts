import { exportJWK, generateKeyPair } from 'jose';
import type { Platform } from '../../src/platform/platform.ts';
import type {
  ExchangeIdentity,
  ProviderHandler,
  PublishServiceInput,
} from '../../src/exchange/index.ts';

/** A member subsystem of a test: its identity (private key stays here) and certificate. */
export interface TestSubsystem {
  readonly identity: ExchangeIdentity;
  readonly certificatePem: string;
}

export const OPERATOR = 'operator:test';

/** Registers member (if new) and subsystem the way an agency joins: its own key, a CA certificate. */
export async function joinExchange(
  platform: Platform,
  member: string,
  subsystem: string,
  options: { endpointUrl?: string } = {},
): Promise<TestSubsystem> {
  const { admin } = platform.exchange;
  const members = await admin.listMembers();
  if (!members.some((m) => m.code === member)) {
    await admin.registerMember(
      { code: member, nameAz: `${member} (az)`, nameEn: member, legalForm: 'state-body' },
      OPERATOR,
    );
  }
  const pair = await generateKeyPair('ES256', { extractable: true });
  const publicKeyJwk = await exportJWK(pair.publicKey);
  const registered = await admin.registerSubsystem(
    { member, code: subsystem, name: subsystem, publicKeyJwk, endpointUrl: options.endpointUrl },
    OPERATOR,
  );
  return {
    identity: {
      member,
      subsystem,
      privateKey: pair.privateKey,
      certificateThumbprint: registered.thumbprint,
    },
    certificatePem: registered.certificatePem,
  };
}

export const PERSON_SERVICE: Omit<PublishServiceInput, 'member' | 'subsystem'> = {
  code: 'person-test',
  version: 1,
  titleAz: 'Şəxs (test)',
  titleEn: 'Person (test)',
  requestSchema: {
    type: 'object',
    required: ['fin'],
    additionalProperties: false,
    properties: { fin: { type: 'string', pattern: '^[0-9A-Z]{7}$' } },
  },
  responseSchema: {
    type: 'object',
    required: ['fin', 'name'],
    properties: { fin: { type: 'string' }, name: { type: 'string' } },
  },
  subjectIsPerson: true,
};

/** A provider that answers with the FİN it was asked about, and counts its calls. */
export function countingProvider(): { handler: ProviderHandler; calls: () => number } {
  let calls = 0;
  return {
    handler: async (request) => {
      calls += 1;
      const fin = (request.body as { fin: string }).fin;
      return { fin, name: `Person ${fin}` };
    },
    calls: () => calls,
  };
}
