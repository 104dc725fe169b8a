import { eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { persons, type Person } from '../schema.js';
import { alternativeNameContainsSql, nameContainsSql } from './names.js';
import { pageRows } from './rows.js';
import type { Scope } from './scope.js';

export interface PersonFilter {
  /** Matches the name, any alternative name, or the pseudonym, as far as the scope may see them. */
  readonly name?: string;
  readonly protection?: Person['protection'];
}

export function findPersons(db: Db, scope: Scope, filter: PersonFilter, page: { afterId?: number; limit: number }): Person[] {
  const conditions: SQL[] = [];
  if (filter.name) {
    const byPseudonym = nameContainsSql(sql`${persons.pseudonym}`, filter.name);
    const byName = or(nameContainsSql(sql`${persons.name}`, filter.name), alternativeNameContainsSql('person_id', sql`${persons.id}`, filter.name))!;
    // Without clearance a protected person is findable by pseudonym only, exactly like a name that is not there.
    conditions.push(scope.protectedNames ? or(byName, byPseudonym)! : or(sql`(${persons.protection} <> 'protected' AND ${byName})`, byPseudonym)!);
  }
  if (filter.protection) conditions.push(eq(persons.protection, filter.protection));
  return pageRows(db, persons, conditions, page);
}

export function pseudonymTaken(db: Db, pseudonym: string): boolean {
  return db.select({ id: persons.id }).from(persons).where(eq(persons.pseudonym, pseudonym)).get() !== undefined;
}

export function countPseudonymsWithPrefix(db: Db, prefix: string): number {
  return db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM persons WHERE pseudonym LIKE ${`${prefix}-%`}`)!.n;
}
