/** Citations: a source's statement for or against one claim. Statuses are computed from them. */
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { alternativeNames, citations, incidents, involvements, locations, posts, sources } from '../../db/schema.js';
import { findCitations, sourcesByIds, type CitationFilter } from '../../db/queries/citations.js';
import { getRow, insertRow, updateRow } from '../../db/queries/rows.js';
import type { ClaimKind } from '../../db/queries/status.js';
import type { CitationCreate, CitationUpdate } from '../schemas/sources.js';
import { clearanceOf, type Viewer } from '../viewer.js';
import { citationView } from '../views/citations.js';
import { assertReferencesExist, notFound, type ServiceContext, timestamp } from './context.js';
import { protect } from './protection.js';
import { deleteRecord, recordChange } from './audit.js';

const claimTables: Record<ClaimKind, { table: SQLiteTable; column: keyof typeof citations.$inferInsert; noun: string }> = {
  incident: { table: incidents, column: 'incidentId', noun: 'incident' },
  involvement: { table: involvements, column: 'involvementId', noun: 'involvement' },
  post: { table: posts, column: 'postId', noun: 'post' },
  location: { table: locations, column: 'locationId', noun: 'location' },
  'alternative-name': { table: alternativeNames, column: 'alternativeNameId', noun: 'alternative name' },
};

function listCitationsUnshielded(ctx: ServiceContext, viewer: Viewer, filter: CitationFilter, page: { afterId?: number; limit: number }) {
  const rows = findCitations(ctx.db, clearanceOf(viewer), filter, page);
  const sourceRows = sourcesByIds(ctx.db, [...new Set(rows.map((row) => row.sourceId))]);
  return rows.map((row) => citationView(viewer, row, sourceRows.get(row.sourceId)!));
}

/** One citation; citing a restricted source, it is shown withheld, as on its claim. */
function getCitationUnshielded(ctx: ServiceContext, viewer: Viewer, id: number) {
  const row = getRow(ctx.db, citations, id);
  if (!row) throw notFound('citation', id);
  return citationView(viewer, row, getRow(ctx.db, sources, row.sourceId)!);
}

export function createCitation(ctx: ServiceContext, viewer: Viewer, input: CitationCreate) {
  const claim = claimTables[input.claim.kind];
  const id = recordChange(ctx, viewer, { kind: 'citations', action: 'create' }, () => {
    assertReferencesExist(ctx, [
      { path: 'source', table: sources, id: input.source, noun: 'source' },
      { path: 'claim.id', table: claim.table, id: input.claim.id, noun: claim.noun },
    ]);
    const now = timestamp(ctx);
    return insertRow(ctx.db, citations, {
      sourceId: input.source,
      [claim.column]: input.claim.id,
      locator: input.locator,
      quote: input.quote,
      stance: input.stance,
      credibility: input.credibility,
      createdAt: now,
      updatedAt: now,
    }).id;
  });
  return getCitation(ctx, viewer, id);
}

/** The claim a citation supports never changes: citing another claim is another citation. */
export function updateCitation(ctx: ServiceContext, viewer: Viewer, id: number, input: CitationUpdate) {
  recordChange(ctx, viewer, { kind: 'citations', action: 'update', id }, () => {
    if (!getRow(ctx.db, citations, id)) throw notFound('citation', id);
    assertReferencesExist(ctx, [{ path: 'source', table: sources, id: input.source, noun: 'source' }]);
    const { source, ...fields } = input;
    updateRow(ctx.db, citations, id, { ...fields, ...(source !== undefined && { sourceId: source }), updatedAt: timestamp(ctx) });
    return id;
  });
  return getCitation(ctx, viewer, id);
}

/** Nothing refers to a citation, so deleting one is never refused; an official denial is a citation too, kept unless it was entered in error. */
export function deleteCitation(ctx: ServiceContext, viewer: Viewer, id: number): void {
  deleteRecord(ctx, viewer, 'citations', 'citation', id);
}

export function listCitations(ctx: ServiceContext, viewer: Viewer, filter: CitationFilter, page: { afterId?: number; limit: number }) {
  return protect(ctx, viewer, listCitationsUnshielded(ctx, viewer, filter, page));
}

export function getCitation(ctx: ServiceContext, viewer: Viewer, id: number) {
  return protect(ctx, viewer, getCitationUnshielded(ctx, viewer, id));
}
