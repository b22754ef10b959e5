import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

/** A message the sink received, decoded enough to read (single-part text, as the portal sends). */
export interface SinkMessage {
  readonly id: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly raw: string;
  readonly receivedAt: Date;
}

/**
 * A local SMTP server for development and tests (smtp-server on 127.0.0.1): it accepts every
 * message over a real SMTP conversation and keeps it in memory and, given `dir`, as an `.eml`
 * file there (`<dataDir>/dev-outbox/mail/` when the app starts it). It never relays anything.
 */
export class SmtpSink {
  readonly messages: SinkMessage[] = [];
  readonly #dir: string | undefined;
  readonly #max: number;
  #server: SMTPServer | undefined;
  #port: number | undefined;

  constructor(options: { dir?: string; max?: number } = {}) {
    this.#dir = options.dir;
    this.#max = options.max ?? 1000;
  }

  get port(): number | undefined {
    return this.#server === undefined ? undefined : this.#port;
  }

  get url(): string {
    if (this.port === undefined) throw new Error('the SMTP sink is not running');
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Listens on 127.0.0.1 (`port` 0: any free port; a stopped sink restarts on its old port). */
  async start(port = this.#port ?? 0): Promise<number> {
    if (this.#server !== undefined) return this.#port ?? 0;
    const server = new SMTPServer({
      // Plain SMTP on loopback: no TLS certificate to trust, no login.
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      size: 20 * 1024 * 1024,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
          const to = session.envelope.rcptTo.map((r) => r.address);
          this.#keep(raw, from, to).then(
            () => callback(),
            (error: unknown) => callback(error as Error),
          );
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', () => undefined);
    this.#server = server;
    this.#port = (server.server.address() as AddressInfo).port;
    return this.#port;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (server === undefined) return;
    this.#server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Messages to one address (case-insensitive), oldest first. */
  to(address: string): SinkMessage[] {
    const wanted = address.toLowerCase();
    return this.messages.filter((m) => m.to.some((t) => t.toLowerCase() === wanted));
  }

  async #keep(raw: string, from: string, to: string[]): Promise<void> {
    const parsed = parseMessage(raw);
    const message: SinkMessage = {
      id: randomUUID(),
      from,
      to,
      subject: parsed.subject,
      text: parsed.text,
      raw,
      // The sink is a development tool outside the platform: real time is what a reader expects.
      receivedAt: new Date(),
    };
    this.messages.push(message);
    if (this.messages.length > this.#max) this.messages.shift();
    if (this.#dir !== undefined) {
      await mkdir(this.#dir, { recursive: true });
      const stamp = message.receivedAt.toISOString().replace(/[:.]/g, '-');
      await writeFile(join(this.#dir, `${stamp}-${message.id}.eml`), raw);
    }
  }
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`), as nodemailer writes them. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
      (_whole, _charset: string, encoding: string, text: string) =>
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64').toString('utf8')
          : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const clean = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < clean.length; i += 1) {
    const c = clean[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(clean.slice(i + 1, i + 3))) {
      bytes.push(parseInt(clean.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Subject and text of a single-part message (what the portal sends); raw stays available. */
export function parseMessage(raw: string): { subject: string; text: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return { subject: decodeWords(headers.get('subject') ?? ''), text: text.replace(/\r\n/g, '\n') };
}
