import { Type, type Static } from 'typebox';

export const AuditOutcome = Type.Union([
  Type.Literal('success'),
  Type.Literal('refused'),
  Type.Literal('failed'),
]);
export type AuditOutcome = Static<typeof AuditOutcome>;

/** What a module records; seq, time and hashes are added by the log. */
export interface AuditEvent {
  /** Who acted: `citizen:<fin>`, `staff:<id>`, `member:<member>/<subsystem>`, `system:<job>`, … */
  readonly actor: string;
  /** The person the actor represented (a parent for a minor, a guardian for a ward). */
  readonly onBehalfOf?: string | undefined;
  /** Catalogued action name, e.g. `audit.verify`, `exchange.call` (docs/audit-events.md). */
  readonly action: string;
  /** FİN of the person whose data was touched, if any. */
  readonly subjectFin?: string | undefined;
  readonly resource?: string | undefined;
  readonly purpose?: string | undefined;
  readonly legalBasis?: string | undefined;
  readonly outcome: AuditOutcome;
}

export interface AuditEntry extends AuditEvent {
  readonly seq: number;
  readonly at: Date;
  readonly prevHash: string;
  readonly hash: string;
}

export const AuditVerification = Type.Object(
  {
    ok: Type.Boolean(),
    entries: Type.Integer({ minimum: 0, description: 'Entries checked' }),
    firstBadSeq: Type.Union([Type.Integer(), Type.Null()], {
      description:
        'The first sequence number at which the chain, a checkpoint or the signed head disagrees; null when ok',
    }),
    reason: Type.Union([Type.String(), Type.Null()]),
    headSeq: Type.Integer({ minimum: 0 }),
    checkpoints: Type.Integer({ minimum: 0 }),
  },
  { $id: 'AuditVerification' },
);
export type AuditVerification = Static<typeof AuditVerification>;
