import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Sends an SMS. Production needs an adapter for the operator's SMS gateway (not built: there is
 * no provider to build it against); development and tests use DevSmsSink.
 */
export interface SmsProvider {
  readonly kind: string;
  send(message: { to: string; text: string }): Promise<{ id: string }>;
}

export interface SinkSms {
  readonly id: string;
  readonly to: string;
  readonly text: string;
  readonly sentAt: Date;
}

/**
 * The development SMS provider: keeps messages in memory and, given `file`, appends them as JSON
 * lines (`<dataDir>/dev-outbox/sms.jsonl` when the app starts it). `failing` makes it refuse
 * (for tests of retries).
 */
export class DevSmsSink implements SmsProvider {
  readonly kind = 'dev-sink';
  readonly messages: SinkSms[] = [];
  failing = false;
  readonly #file: string | undefined;
  readonly #max: number;

  constructor(options: { file?: string; max?: number } = {}) {
    this.#file = options.file;
    this.#max = options.max ?? 1000;
  }

  async send(message: { to: string; text: string }): Promise<{ id: string }> {
    if (this.failing) throw new Error('SMS provider unavailable (dev sink set to fail)');
    // The sink is a development tool outside the platform: real time is what a reader expects.
    const sms: SinkSms = {
      id: randomUUID(),
      to: message.to,
      text: message.text,
      sentAt: new Date(),
    };
    this.messages.push(sms);
    if (this.messages.length > this.#max) this.messages.shift();
    if (this.#file !== undefined) {
      await mkdir(dirname(this.#file), { recursive: true });
      await appendFile(this.#file, `${JSON.stringify(sms)}\n`);
    }
    return { id: sms.id };
  }

  to(phone: string): SinkSms[] {
    return this.messages.filter((m) => m.to === phone);
  }
}
