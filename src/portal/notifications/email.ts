import nodemailer from 'nodemailer';
import type { SmtpSink } from './smtp-sink.ts';

/** Sends one e-mail; throws when the SMTP server does not take it (the job retries). */
export interface EmailSender {
  readonly kind: string;
  send(message: { to: string; subject: string; text: string }): Promise<{ id: string }>;
}

const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * E-mail over SMTP with nodemailer. `url` is EHIS_SMTP_URL (smtp:// or smtps://, credentials in
 * the URL), or a function giving it when it is known only later (the development sink starts on
 * first use). A transport is made per message: notices are few and this keeps no connection open.
 */
export class SmtpEmailSender implements EmailSender {
  readonly kind: string;
  readonly #url: () => Promise<string>;
  readonly #from: string;

  constructor(options: { url: string | (() => Promise<string>); from: string; kind?: string }) {
    const url = options.url;
    this.#url = typeof url === 'string' ? () => Promise.resolve(url) : url;
    this.#from = options.from;
    this.kind = options.kind ?? 'smtp';
  }

  async send(message: { to: string; subject: string; text: string }): Promise<{ id: string }> {
    const transport = nodemailer.createTransport({ url: await this.#url(), ...TIMEOUTS });
    try {
      const info = await transport.sendMail({
        from: this.#from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        textEncoding: 'base64',
      });
      return { id: String(info.messageId) };
    } finally {
      transport.close();
    }
  }
}

/** E-mail to the local development sink, started on first use and stopped with the app. */
export function sinkEmailSender(sink: SmtpSink, from: string): EmailSender {
  return new SmtpEmailSender({
    url: async () => {
      await sink.start();
      return sink.url;
    },
    from,
    kind: 'dev-sink',
  });
}
