import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { isRecord, postJson, type Parser } from '../../api.ts';

/**
 * The browser side of passkeys (WebAuthn): ask the server for options, let the device create or
 * use the passkey, send the answer back. The server checks everything; this only carries it.
 */

const parseOptions: Parser<Record<string, unknown>> = (value) =>
  isRecord(value) && typeof value.challenge === 'string' ? value : undefined;

export const passkeysSupported = (): boolean => browserSupportsWebAuthn();

/** The device did not give a passkey: the user cancelled, timed out, or has none for this site. */
export class PasskeyCancelled extends Error {
  constructor(cause: unknown) {
    super('passkey ceremony did not complete', { cause });
    this.name = 'PasskeyCancelled';
  }
}

export async function loginWithPasskey(): Promise<void> {
  const options = await postJson('/api/auth/passkey/options', undefined, parseOptions);
  let credential: unknown;
  try {
    credential = await startAuthentication({
      optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON,
    });
  } catch (error) {
    throw new PasskeyCancelled(error);
  }
  await postJson('/api/auth/passkey', { credential }, (value) =>
    isRecord(value) ? value : undefined,
  );
}

export async function addPasskey(label: string): Promise<void> {
  const options = await postJson('/api/me/passkeys/options', undefined, parseOptions);
  let credential: unknown;
  try {
    credential = await startRegistration({
      optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON,
    });
  } catch (error) {
    throw new PasskeyCancelled(error);
  }
  await postJson(
    '/api/me/passkeys',
    label.trim() === '' ? { credential } : { credential, label: label.trim() },
    (value) => (isRecord(value) ? value : undefined),
  );
}
