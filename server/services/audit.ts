/**
 * Every write leaves an audit entry in the same transaction as the write itself: if either
 * fails, neither happened.
 */
import { appendAuditEntry, findAuditEntries, verifyAuditChain, type AuditFilter, type ChainCheck } from '../../db/queries/audit.js';
import { recordSnapshot, type RecordKind } from '../../db/queries/snapshots.js';
import type { AuditEntry } from '../../db/schema.js';
import { syncSearchIndex } from '../search/indexer.js';
import { actorOf, type Viewer } from '../viewer.js';
import { deleteRow, getRow } from '../../db/queries/rows.js';
import { auditedTables } from '../../db/queries/snapshots.js';
import { assertUnreferenced, notFound, timestamp, type ServiceContext } from './context.js';

/** What was done; `delete` leaves no after-state. Account actions name themselves (`password-change`, `token-revoke`). */
export type ChangeAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'password-change'
  | 'password-reset'
  | 'token-create'
  | 'token-revoke'
  | 'upload'
  | 'link'
  | 'derive';

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/**
 * Runs `write` (which returns the id of the record it touched) in a transaction, recording the
 * record's state before and after in the audit trail, and bringing the search index up to date.
 */
export function recordChange(
  ctx: ServiceContext,
  viewer: Viewer,
  change: { kind: RecordKind; action: ChangeAction; id?: number },
  write: () => number,
): number {
  return ctx.db.transaction(() => {
    const before = change.id === undefined ? null : recordSnapshot(ctx.db, change.kind, change.id);
    const id = write();
    syncSearchIndex(ctx);
    const after = change.action === 'delete' ? null : recordSnapshot(ctx.db, change.kind, id);
    appendAuditEntry(ctx.db, { at: timestamp(ctx), ...actorFields(viewer), action: change.action, recordKind: change.kind, recordId: id, before: json(before), after: json(after) });
    return id;
  });
}

/** An event that changes no record (a sign-in, a refused sign-in), with details that hold no secret. */
export function recordEvent(ctx: ServiceContext, viewer: Viewer, event: { action: string; kind: RecordKind | 'graph'; id: number | null; details?: object }): void {
  appendAuditEntry(ctx.db, { at: timestamp(ctx), ...actorFields(viewer), action: event.action, recordKind: event.kind, recordId: event.id, before: null, after: json(event.details) });
}

function actorFields(viewer: Viewer) {
  const actor = actorOf(viewer);
  return { actorUserId: actor.userId, actorName: actor.name };
}

export function listAuditEntries(ctx: ServiceContext, filter: AuditFilter, page: { afterId?: number; limit: number }) {
  return findAuditEntries(ctx.db, filter, page).map(auditEntryView);
}

function auditEntryView(entry: AuditEntry) {
  return {
    id: entry.id,
    at: entry.at,
    actor: { userId: entry.actorUserId, name: entry.actorName },
    action: entry.action,
    record: { kind: entry.recordKind, id: entry.recordId },
    before: entry.before === null ? null : (JSON.parse(entry.before) as unknown),
    after: entry.after === null ? null : (JSON.parse(entry.after) as unknown),
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

/** Deletes one record, audited: 404 if it is not there, 409 naming whatever still references it. */
export function deleteRecord(ctx: ServiceContext, viewer: Viewer, kind: RecordKind, noun: string, id: number): void {
  const table = auditedTables[kind];
  recordChange(ctx, viewer, { kind, action: 'delete', id }, () => {
    if (!getRow(ctx.db, table, id)) throw notFound(noun, id);
    assertUnreferenced(ctx, table, noun, id);
    deleteRow(ctx.db, table, id);
    return id;
  });
}

/** Walks the whole audit chain, recomputing every hash (as `npm run verify` does); reads only. */
export function verifyAuditTrail(ctx: ServiceContext): ChainCheck {
  return verifyAuditChain(ctx.db);
}
