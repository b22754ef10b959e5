import { Type, type Static } from 'typebox';

export const AsyncCallStatus = Type.Union([
  Type.Literal('queued'),
  Type.Literal('delivered'),
  Type.Literal('failed'),
  Type.Literal('dead'),
]);

/** RFC 9457 problem as the result of a failed asynchronous call carries it. */
export const CallProblem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.Optional(Type.String()),
  errors: Type.Optional(
    Type.Array(
      Type.Object({
        pointer: Type.Optional(Type.String()),
        parameter: Type.Optional(Type.String()),
        detail: Type.String(),
      }),
    ),
  ),
});
export type CallProblem = Static<typeof CallProblem>;

export const AsyncCallAccepted = Type.Object({
  id: Type.String({ format: 'uuid', description: 'The envelope id: fetch the result with it' }),
  status: Type.Literal('queued'),
});
export type AsyncCallAccepted = Static<typeof AsyncCallAccepted>;

export const AsyncCallParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const AsyncCallView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  status: AsyncCallStatus,
  attempts: Type.Integer({ minimum: 0, description: 'Delivery attempts so far' }),
  answer: Type.Optional(
    Type.String({
      description:
        "When delivered: the gateway's signed answer (compact JWS), as a synchronous call returns it",
    }),
  ),
  problem: Type.Optional(CallProblem),
});
export type AsyncCallView = Static<typeof AsyncCallView>;
