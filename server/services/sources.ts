/**
 * Sources, graded on the Admiralty scale. A relay (`repeats`) always points at an original, never
 * at another relay: one step is all corroboration needs to count an echo once, and it keeps the
 * origin of every source a plain column read.
 */
import { sources, type Source } from '../../db/schema.js';
import { findSources, relaysOf, type SourceFilter } from '../../db/queries/sources.js';
import { getRow, insertRow, updateRow } from '../../db/queries/rows.js';
import { ValidationError } from '../errors.js';
import type { SourceCreate, SourceUpdate } from '../schemas/sources.js';
import { clearanceOf, seesSource, type Viewer } from '../viewer.js';
import { sourceView } from '../views/sources.js';
import { assertReferencesExist, notFound, type ServiceContext, timestamp } from './context.js';
import { protect } from './protection.js';
import { deleteRecord, recordChange } from './audit.js';

function publishedColumns(published: SourceCreate['published']) {
  return { published: published?.edtf ?? null, publishedEarliest: published?.earliest ?? null, publishedLatest: published?.latest ?? null };
}

function assertValidRelay(ctx: ServiceContext, repeats: number | null | undefined, selfId?: number): void {
  if (repeats === null || repeats === undefined) return;
  assertReferencesExist(ctx, [{ path: 'repeats', table: sources, id: repeats, noun: 'source' }]);
  if (repeats === selfId) throw new ValidationError([{ path: 'repeats', message: 'a source cannot relay itself' }]);
  const original = getRow(ctx.db, sources, repeats)!;
  if (original.repeatsSourceId !== null) {
    throw new ValidationError([
      { path: 'repeats', message: `source ${repeats} itself relays source ${original.repeatsSourceId}; point at the original, ${original.repeatsSourceId}` },
    ]);
  }
  const relays = selfId === undefined ? [] : relaysOf(ctx.db, selfId);
  if (relays.length > 0) {
    throw new ValidationError([
      { path: 'repeats', message: `this source is relayed by sources ${relays.join(', ')}; point those at ${repeats} first, so every relay names an original` },
    ]);
  }
}

/** A restricted source does not exist for a viewer without clearance. */
function visibleSource(ctx: ServiceContext, viewer: Viewer, id: number): Source {
  const row = getRow(ctx.db, sources, id);
  if (!row || !seesSource(viewer, row)) throw notFound('source', id);
  return row;
}

function listSourcesUnshielded(ctx: ServiceContext, viewer: Viewer, filter: SourceFilter, page: { afterId?: number; limit: number }) {
  return findSources(ctx.db, clearanceOf(viewer), filter, page).map((row) => sourceView(viewer, row));
}

function getSourceUnshielded(ctx: ServiceContext, viewer: Viewer, id: number) {
  return sourceView(viewer, visibleSource(ctx, viewer, id));
}

export function createSource(ctx: ServiceContext, viewer: Viewer, input: SourceCreate) {
  const id = recordChange(ctx, viewer, { kind: 'sources', action: 'create' }, () => {
    assertValidRelay(ctx, input.repeats);
    const now = timestamp(ctx);
    const { repeats, published, ...fields } = input;
    return insertRow(ctx.db, sources, { ...fields, ...publishedColumns(published), repeatsSourceId: repeats, createdAt: now, updatedAt: now }).id;
  });
  return getSource(ctx, viewer, id);
}

export function updateSource(ctx: ServiceContext, viewer: Viewer, id: number, input: SourceUpdate) {
  recordChange(ctx, viewer, { kind: 'sources', action: 'update', id }, () => {
    visibleSource(ctx, viewer, id);
    assertValidRelay(ctx, input.repeats, id);
    const { repeats, published, ...fields } = input;
    updateRow(ctx.db, sources, id, {
      ...fields,
      ...(published !== undefined && publishedColumns(published)),
      ...(repeats !== undefined && { repeatsSourceId: repeats }),
      updatedAt: timestamp(ctx),
    });
    return id;
  });
  return getSource(ctx, viewer, id);
}

export function deleteSource(ctx: ServiceContext, viewer: Viewer, id: number): void {
  visibleSource(ctx, viewer, id);
  deleteRecord(ctx, viewer, 'sources', 'source', id);
}

export function listSources(ctx: ServiceContext, viewer: Viewer, filter: SourceFilter, page: { afterId?: number; limit: number }) {
  return protect(ctx, viewer, listSourcesUnshielded(ctx, viewer, filter, page));
}

export function getSource(ctx: ServiceContext, viewer: Viewer, id: number) {
  return protect(ctx, viewer, getSourceUnshielded(ctx, viewer, id));
}
