import { sql, type SQL } from 'drizzle-orm';

/** SQL: the location `rootId` and every place inside it, at any depth. */
export function locationAndDescendantsSql(rootId: number): SQL {
  return sql`(WITH RECURSIVE tree(id) AS (SELECT ${rootId} UNION SELECT l.id FROM locations l JOIN tree ON l.parent_id = tree.id) SELECT id FROM tree)`;
}

/** SQL: the organisation `rootId` and every unit inside it, at any depth. */
export function organisationAndDescendantsSql(rootId: number): SQL {
  return sql`(WITH RECURSIVE tree(id) AS (SELECT ${rootId} UNION SELECT o.id FROM organisations o JOIN tree ON o.parent_id = tree.id) SELECT id FROM tree)`;
}

/** SQL: `startId` and all its ancestors in `table`; a new parent among a record's descendants would close a loop. */
export function ancestorsSql(table: 'locations' | 'organisations', startId: number): SQL {
  const name = sql.identifier(table);
  return sql`(WITH RECURSIVE up(id) AS (SELECT ${startId} UNION SELECT t.parent_id FROM ${name} t JOIN up ON t.id = up.id WHERE t.parent_id IS NOT NULL) SELECT id FROM up)`;
}
