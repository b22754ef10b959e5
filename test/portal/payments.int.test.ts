import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPayments,
  SIGNATURE_HEADER,
  signBody,
  testGatewaySecret,
} from '../../src/portal/payments/index.ts';
import { createIdentityHarness, TestBrowser, type IdentityHarness } from '../support/identity.ts';
import { signInAs, signInAsOperator, type SignedInBrowser } from '../support/operator.ts';

describe('payments (issue 6 item 6; POR-003-8.1, POR-003-8.2)', () => {
  let h: IdentityHarness;
  let payer: SignedInBrowser;
  let other: SignedInBrowser;
  const paidEvents: string[] = [];

  const db = () => h.test.platform.db.kysely;
  async function snapshot() {
    const r = await sql<{ rows: string }>`
      SELECT coalesce(json_agg(p ORDER BY p.id)::text, '[]') AS rows FROM payments.payment p`.execute(
      db(),
    );
    return r.rows[0]?.rows;
  }

  async function create(amount = '12.50', browser = payer.browser) {
    const res = await browser.post('/api/payments', {
      purpose: { kind: 'service-request', ref: 'EHIS-2026-000042' },
      amount,
      description: 'Dövlət rüsumu: arayış',
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ paymentId: string; status: string; redirectUrl: string }>();
  }

  async function gatewayRow(paymentId: string) {
    const r = await sql<{ id: string }>`
      SELECT id FROM payments.test_gateway_payment WHERE merchant_payment_id = ${paymentId}`.execute(
      db(),
    );
    return r.rows[0]?.id ?? '';
  }

  function callback(body: string, signature: string) {
    return h.app.inject({
      method: 'POST',
      url: '/payments/callback',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
      payload: body,
    });
  }

  beforeAll(async () => {
    h = await createIdentityHarness();
    createPayments(h.test.platform).service.onPaid((id) => {
      paidEvents.push(id);
    });
    payer = await signInAs(h.test.platform, h.app, h.agencies.portalClient, h.adult().fin, 'low');
    other = await signInAs(h.test.platform, h.app, h.agencies.portalClient, h.adult().fin, 'low');
  });
  afterAll(async () => h.close());

  it('POR-003-8.2 full flow: create → hosted page → pay → signed callback → paid → receipt', async () => {
    const created = await create();
    expect(created.status).toBe('pending');
    expect(created.redirectUrl).toMatch(/^\/test-gateway\/pay\/tg_/);

    const page = await h.app.inject({
      method: 'GET',
      url: created.redirectUrl,
      headers: { 'accept-language': 'az' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<html lang="az">');
    expect(page.body).toContain('12.50 AZN');
    expect(page.body).toContain('>Ödə</button>');
    expect(page.body).not.toMatch(/card|kart nömrəsi/i);

    const pay = await h.app.inject({
      method: 'POST',
      url: created.redirectUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'choice=pay',
    });
    expect(pay.statusCode).toBe(303);
    const after = await h.app.inject({
      method: 'GET',
      url: created.redirectUrl,
      headers: { 'accept-language': 'en' },
    });
    expect(after.body).toContain('The payment was made.');

    const got = await payer.browser.get(`/api/payments/${created.paymentId}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({
      status: 'paid',
      amount: '12.50',
      currency: 'AZN',
      subjectFin: payer.fin,
      purpose: { kind: 'service-request', ref: 'EHIS-2026-000042' },
    });
    expect(paidEvents).toContain(created.paymentId);

    const receipt = await payer.browser.get(`/api/payments/${created.paymentId}/receipt`);
    expect(receipt.statusCode).toBe(200);
    const r = receipt.json<Record<string, unknown>>();
    expect(r).toMatchObject({
      paymentId: created.paymentId,
      amount: '12.50',
      reference: { kind: 'service-request', ref: 'EHIS-2026-000042' },
    });
    expect(r.gatewayTransactionId).toMatch(/^tt_/);
    expect(typeof r.paidAt).toBe('string');

    const audit = await sql<{ action: string }>`
      SELECT action FROM audit.entry WHERE resource = ${`payment:${created.paymentId}`}
      ORDER BY seq`.execute(db());
    expect(audit.rows.map((a) => a.action)).toEqual(['payments.create', 'payments.paid']);

    // The hosted page cannot be used twice.
    const again = await h.app.inject({
      method: 'POST',
      url: created.redirectUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'choice=cancel',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: 'payments/gateway-payment-closed' });
  });

  it('POR-003-8.2 cancel on the hosted page → cancelled, no receipt', async () => {
    const created = await create('3.00');
    const res = await h.app.inject({
      method: 'POST',
      url: created.redirectUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'choice=cancel',
    });
    expect(res.statusCode).toBe(303);
    expect((await payer.browser.get(`/api/payments/${created.paymentId}`)).json()).toMatchObject({
      status: 'cancelled',
      paidAt: null,
    });
    const receipt = await payer.browser.get(`/api/payments/${created.paymentId}/receipt`);
    expect(receipt.statusCode).toBe(409);
    expect(receipt.headers['content-type']).toContain('application/problem+json');
    expect(receipt.json()).toMatchObject({ type: 'payments/not-paid' });
    expect(paidEvents).not.toContain(created.paymentId);
  });

  it('a replayed callback changes nothing the second time', async () => {
    const created = await create('5.00');
    const gp = await gatewayRow(created.paymentId);
    const secret = testGatewaySecret(h.test.platform);
    const body = JSON.stringify({
      gatewayPaymentId: gp,
      paymentId: created.paymentId,
      status: 'paid',
      amount: '5.00',
      currency: 'AZN',
      transactionId: 'tt_replay',
    });
    const first = await callback(body, signBody(secret, body));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ changed: true });
    const before = await snapshot();
    const events = paidEvents.length;
    const second = await callback(body, signBody(secret, body));
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual({ changed: false });
    expect(await snapshot()).toBe(before);
    expect(paidEvents.length).toBe(events);

    // A different outcome for a closed payment is refused.
    const cancel = body.replace('"paid"', '"cancelled"');
    const late = await callback(cancel, signBody(secret, cancel));
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ type: 'payments/callback-mismatch' });
    expect(await snapshot()).toBe(before);
  });

  it('a forged callback, an unknown payment and a wrong amount are refused and change nothing', async () => {
    const created = await create('7.25');
    const gp = await gatewayRow(created.paymentId);
    const secret = testGatewaySecret(h.test.platform);
    const body = (over: Record<string, unknown>) =>
      JSON.stringify({
        gatewayPaymentId: gp,
        paymentId: created.paymentId,
        status: 'paid',
        amount: '7.25',
        currency: 'AZN',
        transactionId: 'tt_x',
        ...over,
      });
    const before = await snapshot();

    const forged = await callback(body({}), signBody('not-the-secret-of-the-gateway', body({})));
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ type: 'payments/bad-signature' });
    const unsigned = await h.app.inject({
      method: 'POST',
      url: '/payments/callback',
      headers: { 'content-type': 'application/json' },
      payload: body({}),
    });
    expect(unsigned.statusCode).toBe(401);

    const unknownBody = body({ gatewayPaymentId: 'tg_nope' });
    const unknown = await callback(unknownBody, signBody(secret, unknownBody));
    expect(unknown.statusCode).toBe(409);
    expect(unknown.json()).toMatchObject({ type: 'payments/callback-mismatch' });

    const cheap = body({ amount: '0.01' });
    const wrong = await callback(cheap, signBody(secret, cheap));
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json()).toMatchObject({ type: 'payments/callback-mismatch' });

    expect(await snapshot()).toBe(before);
    expect((await payer.browser.get(`/api/payments/${created.paymentId}`)).json()).toMatchObject({
      status: 'pending',
    });
  });

  it('refundPayment: an operator refunds through the gateway; citizens and unpaid payments are refused', async () => {
    const created = await create('9.99');
    const refundUrl = `/api/payments/${created.paymentId}/refund`;
    const operator = await signInAsOperator(h.test.platform, h.app, {
      agencies: h.agencies,
      skip: [payer.fin, other.fin],
    });

    const before = await snapshot();
    const byCitizen = await payer.browser.post(refundUrl);
    expect([401, 403]).toContain(byCitizen.statusCode);
    const notPaid = await operator.browser.post(refundUrl);
    expect(notPaid.statusCode).toBe(409);
    expect(notPaid.json()).toMatchObject({ type: 'payments/not-paid' });
    expect(await snapshot()).toBe(before);

    await h.app.inject({
      method: 'POST',
      url: created.redirectUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'choice=pay',
    });
    const refunded = await operator.browser.post(refundUrl);
    expect(refunded.statusCode).toBe(200);
    expect(refunded.json()).toMatchObject({ status: 'refunded' });
    expect(typeof refunded.json<{ refundedAt: string }>().refundedAt).toBe('string');
    const gw = await sql<{ status: string }>`
      SELECT status FROM payments.test_gateway_payment WHERE merchant_payment_id = ${created.paymentId}`.execute(
      db(),
    );
    expect(gw.rows[0]?.status).toBe('refunded');
    const twice = await operator.browser.post(refundUrl);
    expect(twice.statusCode).toBe(409);
  });

  it('unauthorised reads: no session → 401, another account → 404, bad input → 400 with pointers', async () => {
    const created = await create();
    const before = await snapshot();
    const anonymous = new TestBrowser(h.app);
    expect((await anonymous.get(`/api/payments/${created.paymentId}`)).statusCode).toBe(401);
    expect(
      (
        await anonymous.post('/api/payments', {
          purpose: { kind: 'service-request', ref: 'x' },
          amount: '1.00',
          description: 'x',
        })
      ).statusCode,
    ).toBe(401);
    const foreign = await other.browser.get(`/api/payments/${created.paymentId}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ type: 'payments/not-found' });
    expect((await other.browser.get(`/api/payments/${created.paymentId}/receipt`)).statusCode).toBe(
      404,
    );

    for (const amount of ['0.00', '12.5', '-1.00', '1e3', '12.505']) {
      const bad = await payer.browser.post('/api/payments', {
        purpose: { kind: 'service-request', ref: 'EHIS-1' },
        amount,
        description: 'x',
      });
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json())).toContain('/amount');
    }
    expect(await snapshot()).toBe(before);
  });
});
