import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { citations, sources, type Citation, type Source } from '../schema.js';
import { pageRows } from './rows.js';
import { claimColumns, type ClaimKind } from './status.js';
import type { Scope } from './scope.js';

export interface CitationFilter {
  readonly sourceId?: number;
  readonly claim?: { readonly kind: ClaimKind; readonly id: number };
  readonly stance?: Citation['stance'];
}

export function findCitations(db: Db, scope: Scope, filter: CitationFilter, page: { afterId?: number; limit: number }): Citation[] {
  const conditions: SQL[] = [];
  if (filter.sourceId !== undefined) conditions.push(eq(citations.sourceId, filter.sourceId));
  if (filter.claim) conditions.push(sql`${sql.identifier(claimColumns[filter.claim.kind])} = ${filter.claim.id}`);
  if (filter.stance) conditions.push(eq(citations.stance, filter.stance));
  // A viewer without clearance cannot list citations of restricted sources on their own; they
  // reach such a citation only through its claim, where it is shown withheld.
  if (!scope.restrictedSources) conditions.push(sql`${citations.sourceId} IN (SELECT id FROM sources WHERE restricted = 0)`);
  return pageRows(db, citations, conditions, page);
}

/** Every citation of the given claims, each with its source, in id order. */
export function citationsOfClaims(db: Db, kind: ClaimKind, claimIds: readonly number[]): { citation: Citation; source: Source }[] {
  if (claimIds.length === 0) return [];
  return db
    .select({ citation: citations, source: sources })
    .from(citations)
    .innerJoin(sources, eq(sources.id, citations.sourceId))
    .where(sql`${sql.identifier(claimColumns[kind])} IN (SELECT value FROM json_each(${JSON.stringify(claimIds)}))`)
    .orderBy(citations.id)
    .all();
}

export function sourcesByIds(db: Db, ids: readonly number[]): Map<number, Source> {
  if (ids.length === 0) return new Map();
  return new Map(db.select().from(sources).where(inArray(sources.id, [...ids])).all().map((row) => [row.id, row]));
}

/** Which claim a citation is about, read off its one non-null claim column. */
export function claimOf(citation: Citation): { kind: ClaimKind; id: number } {
  const byKind: Record<ClaimKind, number | null> = {
    incident: citation.incidentId,
    involvement: citation.involvementId,
    post: citation.postId,
    location: citation.locationId,
    'alternative-name': citation.alternativeNameId,
  };
  for (const [kind, id] of Object.entries(byKind) as [ClaimKind, number | null][]) {
    if (id !== null) return { kind, id };
  }
  throw new Error(`citation ${citation.id} has no claim`);
}
