/**
 * A claim's status, computed from its citations and never stored. Sources that relay another
 * (`repeats_source_id`) count as their origin, so one report echoed by ten outlets is one origin.
 * A relay always points at an origin (services keep chains one step long), so the origin of a
 * source is simply COALESCE(repeats_source_id, id).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';

export const claimKinds = ['incident', 'involvement', 'post', 'location', 'alternative-name'] as const;
export type ClaimKind = (typeof claimKinds)[number];

export const claimColumns: Record<ClaimKind, string> = {
  incident: 'incident_id',
  involvement: 'involvement_id',
  post: 'post_id',
  location: 'location_id',
  'alternative-name': 'alternative_name_id',
};

export const corroborations = ['unsourced', 'single-source', 'corroborated'] as const;
export type Corroboration = (typeof corroborations)[number];

export interface ClaimStatus {
  readonly corroboration: Corroboration;
  readonly supportingOrigins: number;
  readonly supportingCitations: number;
  readonly disputed: boolean;
  readonly disputingCitations: number;
}

export function corroborationOf(supportingOrigins: number): Corroboration {
  if (supportingOrigins === 0) return 'unsourced';
  return supportingOrigins === 1 ? 'single-source' : 'corroborated';
}

/** SQL: the number of independent origins supporting the claim `claimId` of `kind`. */
export function supportingOriginsSql(kind: ClaimKind, claimId: SQL): SQL<number> {
  const column = sql.identifier(claimColumns[kind]);
  return sql<number>`(SELECT COUNT(DISTINCT COALESCE(s.repeats_source_id, s.id)) FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.${column} = ${claimId} AND c.stance = 'supports')`;
}

/** SQL condition: the claim's corroboration is `wanted`. Mirrors corroborationOf. */
export function corroborationIsSql(kind: ClaimKind, claimId: SQL, wanted: Corroboration): SQL {
  const origins = supportingOriginsSql(kind, claimId);
  if (wanted === 'unsourced') return sql`${origins} = 0`;
  return wanted === 'single-source' ? sql`${origins} = 1` : sql`${origins} >= 2`;
}

export function disputedSql(kind: ClaimKind, claimId: SQL): SQL {
  const column = sql.identifier(claimColumns[kind]);
  return sql`EXISTS (SELECT 1 FROM citations c WHERE c.${column} = ${claimId} AND c.stance = 'disputes')`;
}

/** Statuses of many claims of one kind in one query; claims with no citation are unsourced. */
export function claimStatuses(db: Db, kind: ClaimKind, ids: readonly number[]): Map<number, ClaimStatus> {
  const result = new Map<number, ClaimStatus>();
  if (ids.length === 0) return result;
  const column = sql.identifier(claimColumns[kind]);
  const rows = db.all<{ claim: number; origins: number; supporting: number; disputing: number }>(sql`
    SELECT c.${column} AS claim,
           COUNT(DISTINCT CASE WHEN c.stance = 'supports' THEN COALESCE(s.repeats_source_id, s.id) END) AS origins,
           SUM(c.stance = 'supports') AS supporting,
           SUM(c.stance = 'disputes') AS disputing
    FROM citations c JOIN sources s ON s.id = c.source_id
    WHERE c.${column} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))
    GROUP BY c.${column}`);
  const found = new Map(rows.map((row) => [row.claim, row]));
  for (const claimId of ids) {
    const row = found.get(claimId);
    const origins = row?.origins ?? 0;
    const disputing = row?.disputing ?? 0;
    result.set(claimId, {
      corroboration: corroborationOf(origins),
      supportingOrigins: origins,
      supportingCitations: row?.supporting ?? 0,
      disputed: disputing > 0,
      disputingCitations: disputing,
    });
  }
  return result;
}

