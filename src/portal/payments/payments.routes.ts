import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireSession, sessionOf } from '../../identity/index.ts';
import type { IdentityService } from '../../identity/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { requireOperator } from '../../platform/http/guards.ts';
import type { App } from '../../platform/http/http.ts';
import { formatAmount, SIGNATURE_HEADER, type TestGateway } from './gateway.ts';
import { GatewayPaymentClosed, PaymentNotFound } from './payments.errors.ts';
import {
  CallbackAnswer,
  CreatedPayment,
  CreatePaymentBody,
  PaymentParams,
  PaymentReceipt,
  PaymentView,
} from './payments.schema.ts';
import type { Payment, PaymentService } from './payments.service.ts';

export interface PaymentRouteDeps {
  readonly payments: PaymentService;
  readonly identity: IdentityService;
  /** The built-in test gateway, when it is the gateway in use (never in production). */
  readonly testGateway: TestGateway | undefined;
}

function view(p: Payment) {
  return {
    paymentId: p.paymentId,
    status: p.status,
    amount: p.amount,
    currency: 'AZN' as const,
    description: p.description,
    purpose: p.purpose,
    subjectFin: p.subjectFin,
    createdAt: p.createdAt.toISOString(),
    paidAt: p.paidAt?.toISOString() ?? null,
    refundedAt: p.refundedAt?.toISOString() ?? null,
  };
}

function actorOf(request: FastifyRequest): string {
  const session = sessionOf(request);
  return request.actor ?? `operator:${session.fin ?? session.accountId}`;
}

/** Payments API, the gateway callback and (with the test gateway) its hosted page. */
export function registerPaymentRoutes(app: App, deps: PaymentRouteDeps): void {
  const { payments, identity } = deps;

  app.post(
    '/api/payments',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'createPayment',
        tags: ['portal'],
        summary: 'Start paying a fee: answers the URL of the gateway page to send the payer to',
        description:
          'POR-003-8.2. The amount is the fee the legislation sets for the service (POR-003-8.1); the request engine passes it. Paid for the person the session acts for, if any.',
        body: CreatePaymentBody,
        response: { 201: CreatedPayment },
      },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      const acting = await identity.checkActingFor(session);
      const { payment, redirectUrl } = await payments.create(
        { accountId: session.accountId, fin: session.fin ?? undefined, subjectFin: acting },
        request.body,
      );
      return reply
        .code(201)
        .send({ paymentId: payment.paymentId, status: 'pending' as const, redirectUrl });
    },
  );

  app.get(
    '/api/payments/:paymentId',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'getPayment',
        tags: ['portal'],
        summary: 'One of my payments',
        params: PaymentParams,
        response: { 200: PaymentView },
      },
    },
    async (request) =>
      view(await payments.get(sessionOf(request).accountId, request.params.paymentId)),
  );

  app.get(
    '/api/payments/:paymentId/receipt',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'getPaymentReceipt',
        tags: ['portal'],
        summary: 'The receipt of a payment made',
        params: PaymentParams,
        response: { 200: PaymentReceipt },
      },
    },
    async (request) => {
      const p = await payments.receipt(sessionOf(request).accountId, request.params.paymentId);
      return {
        paymentId: p.paymentId,
        amount: p.amount,
        currency: 'AZN' as const,
        description: p.description,
        paidAt: (p.paidAt ?? p.createdAt).toISOString(),
        gatewayTransactionId: p.gatewayTransactionId ?? '',
        reference: p.purpose,
        status: p.status,
      };
    },
  );

  app.post(
    '/api/payments/:paymentId/refund',
    {
      preHandler: requireOperator(),
      schema: {
        operationId: 'refundPayment',
        tags: ['portal'],
        summary: 'Refund a payment through the gateway (operator)',
        params: PaymentParams,
        response: { 200: PaymentView },
      },
    },
    async (request) => view(await payments.refund(actorOf(request), request.params.paymentId)),
  );

  // The gateway's callback: outside /api/ (no session, no CSRF) — the HMAC signature over the
  // raw body is the authentication, so the body is kept as text and parsed after the check.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_r, body, done) => {
      done(null, body);
    });
    scope.post(
      '/payments/callback',
      {
        schema: {
          operationId: 'paymentCallback',
          tags: ['portal'],
          summary: 'The payment gateway reports an outcome (signed, x-gateway-signature)',
          response: { 200: CallbackAnswer },
        },
      },
      async (request) => {
        const raw = typeof request.body === 'string' ? request.body : '';
        const signature = request.headers[SIGNATURE_HEADER];
        return payments.callback(raw, typeof signature === 'string' ? signature : undefined);
      },
    );
  });

  const gateway = deps.testGateway;
  if (gateway === undefined) return;
  gateway.connect(async (body, signature) => {
    const answer = await app.inject({
      method: 'POST',
      url: '/payments/callback',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
      payload: body,
    });
    if (answer.statusCode !== 200) {
      throw new Error(`test gateway: callback answered ${answer.statusCode}`);
    }
  });

  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_r, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );
    scope.get<{ Params: { id: string } }>(
      '/test-gateway/pay/:id',
      { schema: { hide: true } },
      async (request, reply) => {
        const row = await gateway.page(request.params.id);
        if (row === undefined) throw new AppError(PaymentNotFound);
        return html(reply, hostedPage(request.lang === 'az' ? 'az' : 'en', row));
      },
    );
    scope.post<{ Params: { id: string }; Body: Record<string, string> | undefined }>(
      '/test-gateway/pay/:id',
      { schema: { hide: true } },
      async (request, reply) => {
        const row = await gateway.page(request.params.id);
        if (row === undefined) throw new AppError(PaymentNotFound);
        const choice = request.body?.choice;
        if (choice !== 'pay' && choice !== 'cancel') {
          return reply.code(303).header('location', `/test-gateway/pay/${row.id}`).send();
        }
        const done = await gateway.decide(row.id, choice);
        if (done === undefined) throw new AppError(GatewayPaymentClosed);
        return reply.code(303).header('location', `/test-gateway/pay/${row.id}`).send();
      },
    );
  });
}

function html(reply: FastifyReply, body: string) {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header(
      'content-security-policy',
      "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    .send(body);
}

function escape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const TEXT = {
  az: {
    title: 'Test ödəniş səhifəsi',
    note: 'Bu, ödəniş simulyatorudur: kart məlumatı soruşulmur və pul çıxılmır.',
    amount: 'Məbləğ',
    purpose: 'Təyinat',
    pay: 'Ödə',
    cancel: 'İmtina et',
    paid: 'Ödəniş edildi.',
    cancelled: 'Ödənişdən imtina edildi.',
    refunded: 'Ödəniş geri qaytarıldı.',
    back: 'Portala qayıt',
  },
  en: {
    title: 'Test payment page',
    note: 'This is a payment simulator: no card data is asked for and no money is taken.',
    amount: 'Amount',
    purpose: 'For',
    pay: 'Pay',
    cancel: 'Cancel',
    paid: 'The payment was made.',
    cancelled: 'The payment was cancelled.',
    refunded: 'The payment was refunded.',
    back: 'Back to the portal',
  },
} as const;

function hostedPage(
  lang: 'az' | 'en',
  row: { id: string; amount_minor: number | string; description: string; status: string },
): string {
  const t = TEXT[lang];
  const amount = `${formatAmount(Number(row.amount_minor))} AZN`;
  const action = `/test-gateway/pay/${encodeURIComponent(row.id)}`;
  const body =
    row.status === 'open'
      ? `<form method="post" action="${action}">
  <button type="submit" name="choice" value="pay">${t.pay}</button>
  <button type="submit" name="choice" value="cancel">${t.cancel}</button>
</form>`
      : `<p role="status">${t[row.status as 'paid' | 'cancelled' | 'refunded']}</p>
<p><a href="/">${t.back}</a></p>`;
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title></head>
<body><main>
<h1>${t.title}</h1>
<p>${t.note}</p>
<dl><dt>${t.purpose}</dt><dd>${escape(row.description)}</dd><dt>${t.amount}</dt><dd>${amount}</dd></dl>
${body}
</main></body>
</html>
`;
}
