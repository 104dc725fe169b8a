import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { alternativeNames, type AlternativeName } from '../schema.js';
import { pageRows } from './rows.js';
import type { Scope } from './scope.js';

export interface AlternativeNameFilter {
  readonly personId?: number;
  readonly organisationId?: number;
  readonly locationId?: number;
  readonly kind?: AlternativeName['kind'];
}

export function findAlternativeNames(db: Db, scope: Scope, filter: AlternativeNameFilter, page: { afterId?: number; limit: number }): AlternativeName[] {
  const conditions: SQL[] = [];
  if (filter.personId !== undefined) conditions.push(eq(alternativeNames.personId, filter.personId));
  if (filter.organisationId !== undefined) conditions.push(eq(alternativeNames.organisationId, filter.organisationId));
  if (filter.locationId !== undefined) conditions.push(eq(alternativeNames.locationId, filter.locationId));
  if (filter.kind) conditions.push(eq(alternativeNames.kind, filter.kind));
  if (!scope.protectedNames) {
    conditions.push(sql`(${alternativeNames.personId} IS NULL OR ${alternativeNames.personId} IN (SELECT id FROM persons WHERE protection <> 'protected'))`);
  }
  return pageRows(db, alternativeNames, conditions, page);
}
