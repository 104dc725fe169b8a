import { sql, type SQL } from 'drizzle-orm';
import { fold } from '../fold.js';

function likePattern(term: string): string {
  return `%${fold(term).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** SQL: folded `column` contains the folded term (case, diacritics, ё/й and hyphens ignored). */
export function nameContainsSql(column: SQL, term: string): SQL {
  return sql`fold(${column}) LIKE ${likePattern(term)} ESCAPE '\\'`;
}

/** SQL: the owner (`ownerColumn` of alternative_names) has an alternative name containing the term. */
export function alternativeNameContainsSql(ownerColumn: 'person_id' | 'organisation_id' | 'location_id', id: SQL, term: string): SQL {
  return sql`${id} IN (SELECT ${sql.identifier(ownerColumn)} FROM alternative_names WHERE ${nameContainsSql(sql`name`, term)})`;
}
