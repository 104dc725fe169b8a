/**
 * A record as the audit trail keeps it: its row plus the parts that live and die with it (an
 * incident's act types and places, an owner's alternative names), without any secret.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import {
  alternativeNames,
  apiTokens,
  citations,
  evidence,
  evidenceIncidents,
  incidentActTypes,
  incidentLocations,
  incidents,
  involvements,
  locations,
  organisations,
  persons,
  posts,
  sources,
  users,
} from '../schema.js';
import { getRow } from './rows.js';

export const auditedTables = {
  incidents,
  locations,
  organisations,
  persons,
  'alternative-names': alternativeNames,
  posts,
  involvements,
  sources,
  citations,
  users,
  tokens: apiTokens,
  evidence,
} as const;

export type RecordKind = keyof typeof auditedTables;

function namesOf(db: Db, column: 'personId' | 'organisationId' | 'locationId', id: number) {
  return db.select().from(alternativeNames).where(eq(alternativeNames[column], id)).orderBy(alternativeNames.id).all();
}

export function recordSnapshot(db: Db, kind: RecordKind, id: number): Record<string, unknown> | null {
  const row = getRow(db, auditedTables[kind], id) as Record<string, unknown> | undefined;
  if (!row) return null;
  switch (kind) {
    case 'incidents':
      return {
        ...row,
        actTypes: db.select().from(incidentActTypes).where(eq(incidentActTypes.incidentId, id)).orderBy(incidentActTypes.actType).all().map((r) => r.actType),
        locationIds: db.select().from(incidentLocations).where(eq(incidentLocations.incidentId, id)).orderBy(incidentLocations.locationId).all().map((r) => r.locationId),
      };
    case 'persons':
      return { ...row, alternativeNames: namesOf(db, 'personId', id) };
    case 'organisations':
      return { ...row, alternativeNames: namesOf(db, 'organisationId', id) };
    case 'locations':
      return { ...row, alternativeNames: namesOf(db, 'locationId', id) };
    case 'evidence':
      return { ...row, incidentIds: db.select().from(evidenceIncidents).where(eq(evidenceIncidents.evidenceId, id)).orderBy(evidenceIncidents.incidentId).all().map((r) => r.incidentId) };
    case 'users': {
      const { passwordHash: _secret, ...rest } = row;
      return rest;
    }
    case 'tokens': {
      const { tokenHash: _secret, ...rest } = row;
      return rest;
    }
    default:
      return row;
  }
}
