import { eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { involvements, organisations, persons, type Involvement, type Organisation, type Person } from '../schema.js';
import { pageRows } from './rows.js';

export interface InvolvementFilter {
  readonly incidentId?: number;
  readonly personId?: number;
  readonly organisationId?: number;
  readonly role?: Involvement['role'];
}

export function findInvolvements(db: Db, filter: InvolvementFilter, page: { afterId?: number; limit: number }): Involvement[] {
  const conditions: SQL[] = [];
  if (filter.incidentId !== undefined) conditions.push(eq(involvements.incidentId, filter.incidentId));
  if (filter.personId !== undefined) conditions.push(eq(involvements.personId, filter.personId));
  if (filter.organisationId !== undefined) conditions.push(eq(involvements.organisationId, filter.organisationId));
  if (filter.role) conditions.push(eq(involvements.role, filter.role));
  return pageRows(db, involvements, conditions, page);
}

export function involvementsOfIncident(db: Db, incidentId: number): Involvement[] {
  return db.select().from(involvements).where(eq(involvements.incidentId, incidentId)).orderBy(involvements.id).all();
}

/** The persons and organisations the given rows point at, fetched in two queries. */
export function actorsOf(db: Db, rows: readonly { personId: number | null; organisationId: number | null }[]) {
  const personIds = [...new Set(rows.flatMap((row) => (row.personId === null ? [] : [row.personId])))];
  const organisationIds = [...new Set(rows.flatMap((row) => (row.organisationId === null ? [] : [row.organisationId])))];
  const personRows: Person[] = personIds.length ? db.select().from(persons).where(inArray(persons.id, personIds)).all() : [];
  const organisationRows: Organisation[] = organisationIds.length
    ? db.select().from(organisations).where(inArray(organisations.id, organisationIds)).all()
    : [];
  return {
    persons: new Map(personRows.map((row) => [row.id, row])),
    organisations: new Map(organisationRows.map((row) => [row.id, row])),
  };
}

