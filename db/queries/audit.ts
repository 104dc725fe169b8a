/**
 * The hash-chained audit trail. Each entry's hash is SHA-256 over its own fields and the
 * previous entry's hash, so changing, removing or reordering any entry breaks every hash after it.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { auditEntries, type AuditEntry } from '../schema.js';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditInput = Omit<AuditEntry, 'id' | 'prevHash' | 'hash'>;

export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const fields = [
    entry.id,
    entry.at,
    entry.actorUserId,
    entry.actorName,
    entry.action,
    entry.recordKind,
    entry.recordId,
    entry.before,
    entry.after,
    entry.prevHash,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

export function auditHead(db: Db): { id: number; hash: string } | undefined {
  return db.select({ id: auditEntries.id, hash: auditEntries.hash }).from(auditEntries).orderBy(sql`${auditEntries.id} DESC`).limit(1).get();
}

/** Appends one entry after the current head. Call it inside the transaction of the change it records. */
export function appendAuditEntry(db: Db, input: AuditInput): AuditEntry {
  const head = auditHead(db);
  const id = (head?.id ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const unsigned = { ...input, id, prevHash };
  return db.insert(auditEntries).values({ ...unsigned, hash: entryHash(unsigned) }).returning().get();
}

export interface AuditFilter {
  readonly recordKind?: string;
  readonly recordId?: number;
}

export function findAuditEntries(db: Db, filter: AuditFilter, page: { afterId?: number; limit: number }): AuditEntry[] {
  const conditions: SQL[] = [];
  if (filter.recordKind) conditions.push(eq(auditEntries.recordKind, filter.recordKind));
  if (filter.recordId !== undefined) conditions.push(eq(auditEntries.recordId, filter.recordId));
  if (page.afterId !== undefined) conditions.push(gt(auditEntries.id, page.afterId));
  return db.select().from(auditEntries).where(and(...conditions)).orderBy(asc(auditEntries.id)).limit(page.limit).all();
}

export type ChainCheck =
  | { readonly intact: true; readonly entries: number; readonly head: string }
  | { readonly intact: false; readonly entries: number; readonly brokenAt: number; readonly reason: string };

/** Walks the whole chain in id order, in constant memory. */
export function verifyAuditChain(db: Db, onProgress?: (checked: number) => void): ChainCheck {
  let previous = GENESIS_HASH;
  let expectedId = 1;
  let checked = 0;
  const rows = db.$client.prepare('SELECT id, at, actor_user_id, actor_name, action, record_kind, record_id, before, after, prev_hash, hash FROM audit_entries ORDER BY id').iterate();
  for (const raw of rows as Iterable<Record<string, unknown>>) {
    const entry = {
      id: raw.id as number,
      at: raw.at as string,
      actorUserId: raw.actor_user_id as number | null,
      actorName: raw.actor_name as string,
      action: raw.action as string,
      recordKind: raw.record_kind as string,
      recordId: raw.record_id as number | null,
      before: raw.before as string | null,
      after: raw.after as string | null,
      prevHash: raw.prev_hash as string,
    };
    const fail = (reason: string): ChainCheck => ({ intact: false, entries: checked, brokenAt: entry.id, reason });
    if (entry.id !== expectedId) return fail(`entry ${expectedId} is missing (next entry is ${entry.id})`);
    if (entry.prevHash !== previous) return fail(`entry ${entry.id} does not follow entry ${entry.id - 1}: its previous hash differs`);
    if (entryHash(entry) !== raw.hash) return fail(`entry ${entry.id} was altered: its contents do not match its hash`);
    previous = raw.hash as string;
    expectedId++;
    checked++;
    if (checked % 10_000 === 0) onProgress?.(checked);
  }
  return { intact: true, entries: checked, head: previous };
}
