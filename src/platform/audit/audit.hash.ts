import { sha256Hex } from '../chain/hash-chain.ts';
import type { AuditEntry } from './audit.schema.ts';

/**
 * The canonical serialization: a JSON array in a fixed field order, absent values as null, time
 * as ISO-8601 UTC with milliseconds. Changing this breaks every existing chain: never edit it.
 */
export function canonicalEntry(entry: Omit<AuditEntry, 'hash'>): string {
  return JSON.stringify([
    entry.seq,
    entry.at.toISOString(),
    entry.actor,
    entry.onBehalfOf ?? null,
    entry.action,
    entry.subjectFin ?? null,
    entry.resource ?? null,
    entry.purpose ?? null,
    entry.legalBasis ?? null,
    entry.outcome,
    entry.prevHash,
  ]);
}

export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  return sha256Hex(canonicalEntry(entry));
}
