import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { sources, type Source } from '../schema.js';
import { pageRows } from './rows.js';
import type { Scope } from './scope.js';

export interface SourceFilter {
  readonly kind?: Source['kind'];
  readonly reliability?: Source['reliability'];
  readonly restricted?: boolean;
  readonly repeatsId?: number;
}

export function findSources(db: Db, scope: Scope, filter: SourceFilter, page: { afterId?: number; limit: number }): Source[] {
  const conditions: SQL[] = [];
  if (filter.kind) conditions.push(eq(sources.kind, filter.kind));
  if (filter.reliability) conditions.push(eq(sources.reliability, filter.reliability));
  if (filter.restricted !== undefined) conditions.push(eq(sources.restricted, filter.restricted));
  if (filter.repeatsId !== undefined) conditions.push(eq(sources.repeatsSourceId, filter.repeatsId));
  if (!scope.restrictedSources) conditions.push(eq(sources.restricted, false));
  return pageRows(db, sources, conditions, page);
}

/** Ids of the sources that relay this one. */
export function relaysOf(db: Db, id: number): number[] {
  return db.all<{ id: number }>(sql`SELECT id FROM sources WHERE repeats_source_id = ${id} ORDER BY id`).map((row) => row.id);
}
