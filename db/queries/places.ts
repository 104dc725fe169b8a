import { eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { alternativeNames, locations, organisations, type AlternativeName, type Location, type Organisation } from '../schema.js';
import { ancestorsSql, locationAndDescendantsSql, organisationAndDescendantsSql } from './locations-tree.js';
import { alternativeNameContainsSql, nameContainsSql } from './names.js';
import { pageRows } from './rows.js';

export interface PlaceFilter<K> {
  readonly name?: string;
  readonly kind?: K;
  readonly withinId?: number;
}

export function findLocations(db: Db, filter: PlaceFilter<Location['kind']>, page: { afterId?: number; limit: number }): Location[] {
  const conditions: SQL[] = [];
  if (filter.name) {
    conditions.push(or(nameContainsSql(sql`${locations.name}`, filter.name), alternativeNameContainsSql('location_id', sql`${locations.id}`, filter.name))!);
  }
  if (filter.kind) conditions.push(eq(locations.kind, filter.kind));
  if (filter.withinId !== undefined) {
    conditions.push(sql`${locations.id} IN ${locationAndDescendantsSql(filter.withinId)} AND ${locations.id} <> ${filter.withinId}`);
  }
  return pageRows(db, locations, conditions, page);
}

export function findOrganisations(db: Db, filter: PlaceFilter<Organisation['kind']>, page: { afterId?: number; limit: number }): Organisation[] {
  const conditions: SQL[] = [];
  if (filter.name) {
    conditions.push(
      or(nameContainsSql(sql`${organisations.name}`, filter.name), alternativeNameContainsSql('organisation_id', sql`${organisations.id}`, filter.name))!,
    );
  }
  if (filter.kind) conditions.push(eq(organisations.kind, filter.kind));
  if (filter.withinId !== undefined) {
    conditions.push(sql`${organisations.id} IN ${organisationAndDescendantsSql(filter.withinId)} AND ${organisations.id} <> ${filter.withinId}`);
  }
  return pageRows(db, organisations, conditions, page);
}

/** Whether `candidateParent` is `id` itself or lies inside it, which would make the hierarchy a loop. */
export function wouldLoop(db: Db, table: 'locations' | 'organisations', id: number, candidateParent: number): boolean {
  return db.all<{ id: number }>(sql`SELECT id FROM ${ancestorsSql(table, candidateParent)} WHERE id = ${id}`).length > 0;
}

type Owner = 'personId' | 'organisationId' | 'locationId';

/** Alternative names of many owners of one kind, grouped by owner id. */
export function alternativeNamesOf(db: Db, owner: Owner, ids: readonly number[]): Map<number, AlternativeName[]> {
  const result = new Map<number, AlternativeName[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return result;
  const rows = db.select().from(alternativeNames).where(inArray(alternativeNames[owner], [...ids])).orderBy(alternativeNames.id).all();
  for (const row of rows) result.get(row[owner]!)?.push(row);
  return result;
}

export function namesByIds<T extends typeof locations | typeof organisations>(db: Db, table: T, ids: readonly number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  const rows = db.select({ id: table.id, name: table.name }).from(table as typeof locations).where(inArray(table.id, [...ids])).all();
  return new Map(rows.map((row) => [row.id, row.name]));
}
