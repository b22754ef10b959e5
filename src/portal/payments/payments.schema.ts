import { Type, type Static } from 'typebox';

export const AmountSchema = Type.String({
  pattern: '^(0|[1-9][0-9]{0,8})\\.[0-9]{2}$',
  description: 'AZN with exactly two decimals, more than zero, e.g. "12.50"',
});

export const CreatePaymentBody = Type.Object(
  {
    purpose: Type.Object(
      {
        kind: Type.Literal('service-request'),
        ref: Type.String({
          minLength: 1,
          maxLength: 100,
          pattern: '^[A-Za-z0-9][A-Za-z0-9._:/-]*$',
          description: 'What is paid for, e.g. the registry number of the service request',
        }),
      },
      { additionalProperties: false },
    ),
    amount: AmountSchema,
    description: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type CreatePaymentBody = Static<typeof CreatePaymentBody>;

export const PaymentStatusSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('paid'),
  Type.Literal('cancelled'),
  Type.Literal('failed'),
  Type.Literal('refunded'),
]);

export const PaymentParams = Type.Object(
  { paymentId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
export type PaymentParams = Static<typeof PaymentParams>;

export const CreatedPayment = Type.Object({
  paymentId: Type.String({ format: 'uuid' }),
  status: Type.Literal('pending'),
  redirectUrl: Type.String({ description: "The gateway's hosted payment page" }),
});

export const PaymentView = Type.Object({
  paymentId: Type.String({ format: 'uuid' }),
  status: PaymentStatusSchema,
  amount: AmountSchema,
  currency: Type.Literal('AZN'),
  description: Type.String(),
  purpose: Type.Object({ kind: Type.Literal('service-request'), ref: Type.String() }),
  subjectFin: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  paidAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  refundedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const PaymentReceipt = Type.Object({
  paymentId: Type.String({ format: 'uuid' }),
  amount: AmountSchema,
  currency: Type.Literal('AZN'),
  description: Type.String(),
  paidAt: Type.String({ format: 'date-time' }),
  gatewayTransactionId: Type.String(),
  reference: Type.Object({ kind: Type.Literal('service-request'), ref: Type.String() }),
  status: PaymentStatusSchema,
});

export const CallbackAnswer = Type.Object({ changed: Type.Boolean() });
