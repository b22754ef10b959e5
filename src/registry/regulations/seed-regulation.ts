import type { Clock } from '../../platform/time/clock.ts';
import { loadHealthCardRegulation, type RegulationField } from '../data/index.ts';
import type { RegistryService } from '../registry.service.ts';
import type { ClauseText, RegulationDocument } from './regulation.schema.ts';
import type { RegulationService } from './regulation.service.ts';
import type { Regulation } from './regulation.store.ts';

/** The seed key of seed 000's regulation (registry.regulation.seed_key). */
export const HEALTH_CARD_REGULATION_SEED_KEY = 'seed-000:health-card-regulation';

function fieldsByClause(): Map<string, RegulationField> {
  const map = new Map<string, RegulationField>();
  for (const section of loadHealthCardRegulation().sections) {
    for (const field of section.fields) map.set(field.clause, field);
  }
  return map;
}

/**
 * Seed 000's regulation (data/health-card-regulation.json) as a regulation document: the seed's
 * Azerbaijani text exactly as stored there, with its English rendering. Where seed 000 numbers or
 * labels a clause differently from the template, `sourceClause`/`sourceLabel` keep its own; our
 * editorial notes go in `note` (REG-000-ALL).
 */
export function healthCardRegulationDocument(): RegulationDocument {
  const seed = loadHealthCardRegulation();
  const fields = fieldsByClause();
  const field = (clause: string): RegulationField => {
    const found = fields.get(clause);
    if (found === undefined) throw new Error(`health-card regulation: no clause ${clause}`);
    return found;
  };
  /** A clause with text; throws if the seed leaves it empty. */
  const text = (clause: string): ClauseText => {
    const f = field(clause);
    if (f.az === null || f.en === null) throw new Error(`health-card regulation: ${clause} empty`);
    return {
      az: f.az,
      en: f.en,
      ...(f.seedClause !== null && f.seedClause !== clause ? { sourceClause: f.seedClause } : {}),
      ...(f.seedLabelAz !== undefined && f.seedLabelAz !== f.labelAz
        ? { sourceLabel: f.seedLabelAz }
        : {}),
      ...(f.note === undefined ? {} : { note: f.note }),
    };
  };
  const optional = (clause: string): ClauseText | null =>
    field(clause).az === null ? null : text(clause);
  const value = <T>(clause: string, pick: (f: RegulationField) => T | undefined): T => {
    const v = pick(field(clause));
    if (v === undefined) throw new Error(`health-card regulation: ${clause} has no value`);
    return v;
  };

  const period = value('1.7', (f) => f.executionPeriod);
  const contact = value('2.5', (f) => f.contact);
  const review = value('3.6.3', (f) => f.reviewPeriod);
  return {
    title: { az: seed.title.az, en: seed.title.en, note: seed.title.note },
    approvalRecord: {
      az: seed.approval.az,
      en: seed.approval.en,
      approvedByAz: seed.approval.approvedByAz,
      approvedByEn: seed.approval.approvedByEn,
      decisionNumber: seed.approval.decisionNumber,
      date: seed.approval.date,
      note: seed.approval.note,
    },
    general: {
      name: text('1.1'),
      content: text('1.2'),
      legalBasis: {
        ...text('1.3'),
        items: value('1.3', (f) => f.items).map((item) => ({
          legalActId: item.legalActId,
          clauses: item.provisionAz,
          az: item.az,
          en: item.en,
          sourceClause: item.seedClause,
        })),
      },
      provider: { ...text('1.4'), code: value('1.4', (f) => f.providerCode) },
      otherExecutors: { ...text('1.5'), codes: [...value('1.5', (f) => f.coExecutors)] },
      automation: { ...text('1.6'), level: value('1.6', (f) => f.automationLevel) },
      executionPeriod: { ...text('1.7'), rule: period.rule, min: period.min, max: period.max },
      result: text('1.8'),
    },
    provision: {
      type: { ...text('2.1'), value: value('2.1', (f) => f.type) },
      payment: { ...text('2.2'), paid: value('2.2', (f) => f.paid) },
      // 2.2.1: not filled, the service is free.
      paymentDetails: null,
      users: { ...text('2.3'), values: [...value('2.3', (f) => f.users)] },
      place: { ...text('2.4'), urls: [...value('2.4', (f) => f.urls)] },
      information: {
        ...text('2.5'),
        webAddresses: [...contact.webAddresses],
        email: contact.email,
        phone: contact.phone,
      },
      documents: {
        ...text('2.6'),
        items: value('2.6', (f) => f.documents).map((d) => ({
          id: d.id,
          nameAz: d.nameAz,
          nameEn: d.nameEn,
          heldByState: d.heldByState,
          submissionAz: d.submissionAz,
          submissionEn: d.submissionEn,
          sourceClause: d.seedClause,
        })),
      },
      documentsHeldByState: optional('2.6.1'),
      documentsNotHeldByState: optional('2.6.2'),
      attachedForms: [],
      notarisation: optional('2.6-N2'),
    },
    procedures: {
      informativeOpen: optional('3.1'),
      request: optional('3.2'),
      requestForming: text('3.2.1'),
      requestAcceptance: text('3.2.2'),
      provisionOrRefusal: optional('3.3'),
      refusalCases: text('3.3.1'),
      provisionAcceptance: text('3.3.2'),
      execution: optional('3.4'),
      operations: { ...text('3.4.1'), items: [] },
      operationContent: optional('3.4.2'),
      otherBodies: text('3.4.3'),
      operationResults: optional('3.4.4'),
      control: { ...text('3.5'), controllerCode: field('3.5').controllerCode ?? null },
      controlForm: text('3.5.1'),
      controlProcedure: text('3.5.2'),
      disputes: { ...text('3.6'), responsibleCode: field('3.6').responsibleCode ?? null },
      rightToComplain: text('3.6.1'),
      complaintInformation: {
        ...text('3.6.2'),
        channels: value('3.6.2', (f) => f.complaintChannels).map((c) => ({
          kind: c.kind,
          address: c.address,
          ...(c.addressAz === undefined ? {} : { addressAz: c.addressAz }),
          ...(c.addressEn === undefined ? {} : { addressEn: c.addressEn }),
        })),
      },
      complaintReview: {
        ...text('3.6.3'),
        days: review.days,
        extendedDays: review.extendedDays,
        dayKind: review.dayKind,
      },
    },
  };
}

/**
 * A clock that never stands still (each reading at least a millisecond after the previous one)
 * and that the seed can move forward: the regulation passes through a formal public discussion
 * (README.md, "Seeding seed 000's regulation") that closes a second after opening, and the seed
 * skips past the close instead of waiting — under a test's fixed clock as under real time.
 */
export function tickingClock(base: Clock): SeedClock {
  let last = 0;
  let offset = 0;
  return {
    now() {
      last = Math.max(base.now().getTime() + offset, last + 1);
      return new Date(last);
    },
    skip(milliseconds) {
      offset += milliseconds;
      last += milliseconds;
    },
  };
}

/** A clock the seed can move forward on purpose (past a discussion's close), never back. */
export interface SeedClock extends Clock {
  skip(milliseconds: number): void;
}

/**
 * Seeds seed 000's regulation for the health-card service (registered by the seed catalogue)
 * through the lifecycle: the provider's registry clerk drafts it and opens the discussion, the
 * head of the Ministry of Health approves it (citing Collegium decision No. 05 of 2013), the clerk
 * publishes it. Idempotent: a run continues from the stage a previous one reached; a published
 * one is left alone. `regulations` must run on `tickingClock`.
 */
export async function seedHealthCardRegulation(options: {
  readonly registry: RegistryService;
  readonly regulations: RegulationService;
  readonly clock: SeedClock;
  /** Registry staff of the Ministry of Health (the seed catalogue's clerk). */
  readonly clerkFin: string;
  /** Head of the Ministry of Health, not the clerk. */
  readonly headFin: string;
}): Promise<{ regulation: Regulation; seededNow: boolean }> {
  const { regulations } = options;
  const seed = loadHealthCardRegulation();
  const service = await options.registry.findServiceBySeedKey(`seed-002:${seed.serviceKey}`);
  if (service === undefined) {
    throw new Error('seedHealthCardRegulation: the health-card service is not registered yet');
  }
  const clerk = { fin: options.clerkFin, acr: 'high' } as const;
  const head = { fin: options.headFin, acr: 'high' } as const;
  let regulation = await regulations.findBySeedKey(HEALTH_CARD_REGULATION_SEED_KEY);
  if (regulation?.status === 'published' || regulation?.status === 'superseded') {
    return { regulation, seededNow: false };
  }
  if (regulation === undefined) {
    const created = await regulations.createDraft(
      clerk,
      service.registryNumber,
      healthCardRegulationDocument(),
      { seedKey: HEALTH_CARD_REGULATION_SEED_KEY },
    );
    regulation = await regulations.get(clerk, created.regulationId);
  }
  if (regulation.status === 'draft') {
    // A formal discussion: it closes a second later on the seed's clock, which then skips past
    // the close — independent of how long the database takes (a fixed 2 ms window was not).
    const closesAt = new Date(options.clock.now().getTime() + 1000);
    regulation = await regulations.openDiscussion(clerk, regulation.id, closesAt);
  }
  if (regulation.status === 'discussion' && regulation.discussionClosesAt !== null) {
    const wait = regulation.discussionClosesAt.getTime() - options.clock.now().getTime();
    if (wait >= 0) options.clock.skip(wait + 1);
  }
  if (regulation.status === 'discussion') {
    regulation = await regulations.approve(head, regulation.id, {
      decisionNumber: seed.approval.decisionNumber,
    });
  }
  if (regulation.status === 'approved') {
    regulation = await regulations.publish(clerk, regulation.id);
  }
  return { regulation, seededNow: true };
}
