import { webcrypto } from 'node:crypto';
import type { Clock } from '../../src/platform/time/clock.ts';
import { decisionMessage, proofMessage } from '../../src/identity/devices/device-crypto.ts';

type CryptoKeyPair = webcrypto.CryptoKeyPair;
type JsonWebKey = webcrypto.JsonWebKey;

/**
 * A phone's device key made as the device page makes it: WebCrypto ECDSA P-256, the private key
 * non-extractable. Proof times follow the platform clock and always move forward.
 */
export class TestDevice {
  readonly #keys: CryptoKeyPair;
  readonly publicKey: JsonWebKey;
  readonly #clock: Clock;
  #lastProofMs = 0;
  deviceId = '';
  mobileUserId = '';

  private constructor(keys: CryptoKeyPair, publicKey: JsonWebKey, clock: Clock) {
    this.#keys = keys;
    this.publicKey = publicKey;
    this.#clock = clock;
  }

  static async create(clock: Clock): Promise<TestDevice> {
    const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
      'verify',
    ]);
    const publicKey = await webcrypto.subtle.exportKey('jwk', keys.publicKey);
    return new TestDevice(keys, publicKey, clock);
  }

  async sign(message: string): Promise<string> {
    const signature = await webcrypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      this.#keys.privateKey,
      new TextEncoder().encode(message),
    );
    return Buffer.from(signature).toString('base64url');
  }

  /** The x-ehis-device-proof header value for `deviceId` (this device's own by default). */
  async proof(deviceId = this.deviceId, timeMs?: number): Promise<string> {
    const t = timeMs ?? Math.max(this.#clock.now().getTime(), this.#lastProofMs + 1);
    this.#lastProofMs = Math.max(this.#lastProofMs, t);
    return `${t}.${await this.sign(proofMessage(deviceId, t))}`;
  }

  decision(
    decision: 'approve' | 'deny',
    challengeId: string,
    nonce: string,
    deviceId = this.deviceId,
  ): Promise<string> {
    return this.sign(decisionMessage(decision, challengeId, deviceId, nonce));
  }
}
