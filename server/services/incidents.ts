/**
 * Incidents: what happened, when, where, to how many. Each write runs in one transaction.
 */
import { incidents, locations } from '../../db/schema.js';
import {
  actTypesOf,
  findIncidents,
  locationsOf,
  replaceActTypes,
  replaceLocations,
  summariseIncidents,
  type IncidentFilter,
  type IncidentRow,
} from '../../db/queries/incidents.js';
import { actorsOf, involvementsOfIncident } from '../../db/queries/involvements.js';
import { citationsOfClaims } from '../../db/queries/citations.js';
import { getRow, insertRow, updateRow } from '../../db/queries/rows.js';
import { claimStatuses } from '../../db/queries/status.js';
import type { IncidentCreate, IncidentFilterQuery, IncidentUpdate } from '../schemas/incidents.js';
import { addRanges, describeRange } from '../values/count-range.js';
import type { Viewer } from '../viewer.js';
import { citationView } from '../views/citations.js';
import { incidentView } from '../views/incidents.js';
import { involvementView } from '../views/involvements.js';
import { assertReferencesExist, notFound, type ServiceContext, timestamp } from './context.js';
import { protect } from './protection.js';
import { deleteRecord, recordChange } from './audit.js';

function viewAll(ctx: ServiceContext, rows: IncidentRow[]) {
  const ids = rows.map((row) => row.id);
  const actTypes = actTypesOf(ctx.db, ids);
  const places = locationsOf(ctx.db, ids);
  const statuses = claimStatuses(ctx.db, 'incident', ids);
  return rows.map((row) =>
    incidentView(row, { actTypes: actTypes.get(row.id) ?? [], locations: places.get(row.id) ?? [], status: statuses.get(row.id)! }),
  );
}

function listIncidentsUnshielded(ctx: ServiceContext, _viewer: Viewer, filter: IncidentFilter, page: { afterId?: number; limit: number }) {
  return viewAll(ctx, findIncidents(ctx.db, filter, page));
}

/** Summary figures over every matching incident: victim totals add ranges, never a bare number for an open one. */
function summariseIncidentSelectionUnshielded(ctx: ServiceContext, _viewer: Viewer, filter: IncidentFilter) {
  const { totals, byActType } = summariseIncidents(ctx.db, filter);
  const victims = addRanges([{ min: totals.victimsMin, max: totals.openMax > 0 ? null : totals.victimsMax }]);
  return {
    incidents: totals.incidents,
    incidentsWithVictimCount: totals.withVictimCount,
    victims: { ...victims, text: describeRange(victims) },
    byActType,
  };
}

function getIncidentUnshielded(ctx: ServiceContext, viewer: Viewer, id: number) {
  const row = getRow(ctx.db, incidents, id);
  if (!row) throw notFound('incident', id);
  const [incident] = viewAll(ctx, [row]);
  const involvementRows = involvementsOfIncident(ctx.db, id);
  const actors = actorsOf(ctx.db, involvementRows);
  const involvementStatuses = claimStatuses(ctx.db, 'involvement', involvementRows.map((r) => r.id));
  const citations = citationsOfClaims(ctx.db, 'incident', [id]);
  return {
    ...incident!,
    involvements: involvementRows.map((r) => involvementView(viewer, r, actors, involvementStatuses.get(r.id)!)),
    citations: citations.map(({ citation, source }) => citationView(viewer, citation, source)),
  };
}

function checkLocations(ctx: ServiceContext, locationIds: readonly number[] | undefined) {
  assertReferencesExist(
    ctx,
    (locationIds ?? []).map((locationId, index) => ({ path: `locations.${index}`, table: locations, id: locationId, noun: 'location' })),
  );
}

/** The incident filters of a query string, as the list, the summary, search and exports take them. */
export function incidentFilterOf(query: IncidentFilterQuery): IncidentFilter {
  return {
    actTypes: query.act,
    locationId: query.location,
    personId: query.person,
    organisationId: query.organisation,
    dateSpan: query.date,
    corroboration: query.corroboration,
    disputed: query.disputed,
  };
}

export function createIncident(ctx: ServiceContext, viewer: Viewer, input: IncidentCreate) {
  const id = recordChange(ctx, viewer, { kind: 'incidents', action: 'create' }, () => {
    checkLocations(ctx, input.locations);
    const now = timestamp(ctx);
    const row = insertRow(ctx.db, incidents, {
      title: input.title,
      summary: input.summary,
      date: input.date.edtf,
      dateEarliest: input.date.earliest,
      dateLatest: input.date.latest,
      victimsMin: input.victims?.min ?? null,
      victimsMax: input.victims?.max ?? null,
      createdAt: now,
      updatedAt: now,
    });
    replaceActTypes(ctx.db, row.id, [...new Set(input.actTypes)]);
    replaceLocations(ctx.db, row.id, [...new Set(input.locations)]);
    return row.id;
  });
  return getIncident(ctx, viewer, id);
}

export function updateIncident(ctx: ServiceContext, viewer: Viewer, id: number, input: IncidentUpdate) {
  recordChange(ctx, viewer, { kind: 'incidents', action: 'update', id }, () => {
    if (!getRow(ctx.db, incidents, id)) throw notFound('incident', id);
    checkLocations(ctx, input.locations);
    updateRow(ctx.db, incidents, id, {
      ...(input.title !== undefined && { title: input.title }),
      ...(input.summary !== undefined && { summary: input.summary }),
      ...(input.date !== undefined && { date: input.date.edtf, dateEarliest: input.date.earliest, dateLatest: input.date.latest }),
      ...(input.victims !== undefined && { victimsMin: input.victims?.min ?? null, victimsMax: input.victims?.max ?? null }),
      updatedAt: timestamp(ctx),
    });
    if (input.actTypes) replaceActTypes(ctx.db, id, [...new Set(input.actTypes)]);
    if (input.locations) replaceLocations(ctx.db, id, [...new Set(input.locations)]);
    return id;
  });
  return getIncident(ctx, viewer, id);
}

export function deleteIncident(ctx: ServiceContext, viewer: Viewer, id: number): void {
  deleteRecord(ctx, viewer, 'incidents', 'incident', id);
}

export function listIncidents(ctx: ServiceContext, viewer: Viewer, filter: IncidentFilter, page: { afterId?: number; limit: number }) {
  return protect(ctx, viewer, listIncidentsUnshielded(ctx, viewer, filter, page));
}

export function summariseIncidentSelection(ctx: ServiceContext, viewer: Viewer, filter: IncidentFilter) {
  return protect(ctx, viewer, summariseIncidentSelectionUnshielded(ctx, viewer, filter));
}

export function getIncident(ctx: ServiceContext, viewer: Viewer, id: number) {
  return protect(ctx, viewer, getIncidentUnshielded(ctx, viewer, id));
}
