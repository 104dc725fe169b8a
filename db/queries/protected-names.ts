import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';

/** Every name and alternative name of every protected person, with the pseudonym to show instead. */
export function protectedNames(db: Db): { name: string; pseudonym: string }[] {
  return db.all(sql`
    SELECT name, pseudonym FROM persons WHERE protection = 'protected'
    UNION ALL
    SELECT a.name, p.pseudonym FROM alternative_names a JOIN persons p ON p.id = a.person_id WHERE p.protection = 'protected'`);
}

/** Every name and alternative name of every person who is not protected (officials, public figures). */
export function publicPersonNames(db: Db): string[] {
  return db
    .all<{ name: string }>(sql`
      SELECT name FROM persons WHERE protection <> 'protected'
      UNION ALL
      SELECT a.name FROM alternative_names a JOIN persons p ON p.id = a.person_id WHERE p.protection <> 'protected'`)
    .map((row) => row.name);
}

/** Changes whenever persons or alternative names change (triggers in migration 0002). */
export function protectedNamesVersion(db: Db): number {
  return db.get<{ value: number }>(sql`SELECT value FROM change_counters WHERE name = 'protected-names'`)!.value;
}
