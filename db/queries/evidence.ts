import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { evidence, evidenceIncidents, incidentLocations, incidents, locations, type Evidence } from '../schema.js';
import { pageRows } from './rows.js';
import type { Scope } from './scope.js';

export interface EvidenceFilter {
  readonly incidentId?: number;
}

/** Originals only (safe copies are listed with their original); protected items only for viewers cleared for names. */
export function findEvidence(db: Db, scope: Scope, filter: EvidenceFilter, page: { afterId?: number; limit: number }): Evidence[] {
  const conditions: SQL[] = [sql`${evidence.derivedFromId} IS NULL`];
  if (!scope.protectedNames) conditions.push(eq(evidence.protected, false));
  if (filter.incidentId !== undefined) {
    conditions.push(sql`EXISTS (SELECT 1 FROM evidence_incidents l WHERE l.evidence_id = ${evidence.id} AND l.incident_id = ${filter.incidentId})`);
  }
  return pageRows(db, evidence, conditions, page);
}

/**
 * A page of the items an export carries, in id order: every item (safe copies too, each a record
 * of its own), or only originals not flagged protected.
 */
export function evidenceToExport(db: Db, which: 'every-item' | 'unprotected-originals', page: { afterId?: number; limit: number }): Evidence[] {
  const conditions: SQL[] = which === 'every-item' ? [] : [sql`${evidence.derivedFromId} IS NULL`, eq(evidence.protected, false)];
  return pageRows(db, evidence, conditions, page);
}

/**
 * How many items evidenceToExport would list, and their stored bytes: the most a bundle carries,
 * for progress bars. Only of the items `within` when given (a selection's closure).
 */
export function evidenceToExportTotals(db: Db, which: 'every-item' | 'unprotected-originals', within: ReadonlySet<number> | null): { items: number; bytes: number } {
  const kept = which === 'every-item' ? sql`1` : sql`${evidence.derivedFromId} IS NULL AND ${evidence.protected} = 0`;
  const inside = within ? sql`${evidence.id} IN (SELECT value FROM json_each(${JSON.stringify([...within])}))` : sql`1`;
  return db.get<{ items: number; bytes: number }>(
    sql`SELECT COUNT(*) AS items, COALESCE(SUM(${evidence.size}), 0) AS bytes FROM ${evidence} WHERE ${kept} AND ${inside}`,
  )!;
}

export function evidenceBySha256(db: Db, sha256: string): Evidence | undefined {
  return db.select().from(evidence).where(eq(evidence.sha256, sha256)).get();
}

/** Every stored file once, with its size, in upload order: what a backup must hold. */
export function evidenceFiles(db: Db): { sha256: string; size: number }[] {
  return db.select({ sha256: evidence.sha256, size: evidence.size }).from(evidence).orderBy(evidence.id).all();
}

export function safeCopyOf(db: Db, originalId: number): Evidence | undefined {
  return db.select().from(evidence).where(and(eq(evidence.derivedFromId, originalId), eq(evidence.derivation, 'metadata-stripped'))).get();
}

/** The metadata-stripped copies of a page of originals, by original: one query, not one per item. */
export function safeCopiesOf(db: Db, originalIds: readonly number[]): Map<number, Evidence> {
  const copies = new Map<number, Evidence>();
  if (originalIds.length === 0) return copies;
  const rows = db
    .select()
    .from(evidence)
    .where(and(inArray(evidence.derivedFromId, [...originalIds]), eq(evidence.derivation, 'metadata-stripped')))
    .orderBy(evidence.id)
    .all();
  for (const row of rows) if (!copies.has(row.derivedFromId!)) copies.set(row.derivedFromId!, row);
  return copies;
}

export function linkIncidents(db: Db, evidenceId: number, incidentIds: readonly number[]): number[] {
  const existing = new Set(db.select().from(evidenceIncidents).where(eq(evidenceIncidents.evidenceId, evidenceId)).all().map((row) => row.incidentId));
  const added = [...new Set(incidentIds)].filter((id) => !existing.has(id));
  if (added.length > 0) db.insert(evidenceIncidents).values(added.map((incidentId) => ({ evidenceId, incidentId }))).run();
  return added;
}

/** The incidents each item is linked to, with their dates and the points of their places. */
export function linkedIncidents(db: Db, evidenceIds: readonly number[]) {
  const result = new Map<number, { id: number; title: string; date: string; dateEarliest: string; dateLatest: string; places: { name: string; latitude: number; longitude: number; precisionMeters: number | null }[] }[]>(
    evidenceIds.map((id) => [id, []]),
  );
  if (evidenceIds.length === 0) return result;
  const rows = db
    .select({ evidenceId: evidenceIncidents.evidenceId, incident: incidents })
    .from(evidenceIncidents)
    .innerJoin(incidents, eq(incidents.id, evidenceIncidents.incidentId))
    .where(inArray(evidenceIncidents.evidenceId, [...evidenceIds]))
    .orderBy(incidents.id)
    .all();
  const incidentIds = [...new Set(rows.map((row) => row.incident.id))];
  const places = incidentIds.length
    ? db
        .select({ incidentId: incidentLocations.incidentId, name: locations.name, latitude: locations.latitude, longitude: locations.longitude, precisionMeters: locations.precisionMeters })
        .from(incidentLocations)
        .innerJoin(locations, eq(locations.id, incidentLocations.locationId))
        .where(inArray(incidentLocations.incidentId, incidentIds))
        .all()
    : [];
  for (const { evidenceId, incident } of rows) {
    result.get(evidenceId)?.push({
      id: incident.id,
      title: incident.title,
      date: incident.date,
      dateEarliest: incident.dateEarliest,
      dateLatest: incident.dateLatest,
      places: places.flatMap((p) => (p.incidentId === incident.id && p.latitude !== null && p.longitude !== null ? [{ name: p.name, latitude: p.latitude, longitude: p.longitude, precisionMeters: p.precisionMeters }] : [])),
    });
  }
  return result;
}
