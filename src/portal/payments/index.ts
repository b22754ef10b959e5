// Payments of e-service fees (issue 6 item 6). Other modules import from here.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Platform } from '../../platform/platform.ts';
import { TestGateway } from './gateway.ts';
import { PaymentService } from './payments.service.ts';
import type { PaymentTables } from './payments.store.ts';

export {
  PaymentService,
  type CreatePaymentInput,
  type PaidListener,
  type Payer,
  type Payment,
} from './payments.service.ts';
export {
  TestGateway,
  SIGNATURE_HEADER,
  formatAmount,
  parseAmount,
  signBody,
  type GatewayCallback,
  type PaymentGateway,
} from './gateway.ts';
export type { PaymentStatus, PaymentTables } from './payments.store.ts';
export { registerPaymentRoutes } from './payments.routes.ts';

export interface Payments {
  readonly service: PaymentService;
  /** The built-in test gateway (outside production only). */
  readonly testGateway: TestGateway | undefined;
}

const byPlatform = new WeakMap<Platform, Payments>();

/**
 * The key the test gateway signs callbacks with: `EHIS_TEST_GATEWAY_SECRET`, else a random key
 * kept in `<dataDir>/test-gateway.secret` (created on first use).
 */
export function testGatewaySecret(platform: Platform): string {
  const configured = platform.config.testGatewaySecret;
  if (configured !== undefined) return configured;
  const file = join(platform.config.dataDir, 'test-gateway.secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(platform.config.dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}

/**
 * The payments of a platform (one per platform, so `onPaid` subscribers see every payment).
 * Outside production the gateway is the built-in test gateway; production has no real gateway
 * adapter yet, so createPayment answers 503 payments/no-gateway there.
 */
export function createPayments(platform: Platform): Payments {
  const existing = byPlatform.get(platform);
  if (existing !== undefined) return existing;
  const db = platform.db.typed<PaymentTables>();
  const testGateway =
    platform.config.profile === 'production'
      ? undefined
      : new TestGateway({ db, clock: platform.clock, secret: testGatewaySecret(platform) });
  const service = new PaymentService({
    db,
    clock: platform.clock,
    audit: platform.audit,
    logger: platform.logger,
    gateway: testGateway,
  });
  const payments = { service, testGateway };
  byPlatform.set(platform, payments);
  return payments;
}
