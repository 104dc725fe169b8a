/** Locations: places with a kind, an optional point, a parent and alternative names. */
import { locations, type Location } from '../../db/schema.js';
import { citationsOfClaims } from '../../db/queries/citations.js';
import { alternativeNamesOf, findLocations, namesByIds, type PlaceFilter } from '../../db/queries/places.js';
import { pointsOfPlaces } from '../../db/queries/export-data.js';
import { getRow, insertRow, updateRow } from '../../db/queries/rows.js';
import { claimStatuses } from '../../db/queries/status.js';
import type { LocationCreate, LocationUpdate } from '../schemas/places.js';
import { clearanceOf, pointFor, type Viewer } from '../viewer.js';
import { citationView } from '../views/citations.js';
import { locationView } from '../views/places.js';
import { addAlternativeNames } from './alternative-names.js';
import { notFound, type ServiceContext, timestamp } from './context.js';
import { protect } from './protection.js';
import { deleteRecord, recordChange } from './audit.js';
import { assertValidParent } from './hierarchy.js';

/**
 * Places as this viewer may see them: a viewer without exact places of protected persons (a
 * journalist, a public export) gets the point of a place tied to one coarsened, here as in every
 * export, so the API cannot undo the map.
 */
function visiblePoints(ctx: ServiceContext, viewer: Viewer, rows: Location[]): Location[] {
  if (clearanceOf(viewer).exactPlacesOfProtected) return rows;
  const points = pointsOfPlaces(ctx.db, rows.map((row) => row.id));
  return rows.map((row) => {
    const stored = points.get(row.id);
    if (!stored?.tiedToProtected) return row;
    const { latitude, longitude, precisionMeters } = pointFor(viewer, stored, true);
    return { ...row, latitude, longitude, precisionMeters };
  });
}

function viewAll(ctx: ServiceContext, viewer: Viewer, stored: Location[]) {
  const rows = visiblePoints(ctx, viewer, stored);
  const ids = rows.map((row) => row.id);
  const names = alternativeNamesOf(ctx.db, 'locationId', ids);
  const parentNames = namesByIds(ctx.db, locations, rows.flatMap((row) => (row.parentId === null ? [] : [row.parentId])));
  const statuses = claimStatuses(ctx.db, 'location', ids);
  return rows.map((row) => locationView(row, { alternativeNames: names.get(row.id) ?? [], parentNames, status: statuses.get(row.id)! }));
}

function pointColumns(point: LocationCreate['point']) {
  return { latitude: point?.latitude ?? null, longitude: point?.longitude ?? null, precisionMeters: point?.precisionMeters ?? null };
}

function listLocationsUnshielded(ctx: ServiceContext, viewer: Viewer, filter: PlaceFilter<Location['kind']>, page: { afterId?: number; limit: number }) {
  return viewAll(ctx, viewer, findLocations(ctx.db, filter, page));
}

function getLocationUnshielded(ctx: ServiceContext, viewer: Viewer, id: number) {
  const row = getRow(ctx.db, locations, id);
  if (!row) throw notFound('location', id);
  const citations = citationsOfClaims(ctx.db, 'location', [id]);
  return { ...viewAll(ctx, viewer, [row])[0]!, citations: citations.map(({ citation, source }) => citationView(viewer, citation, source)) };
}

export function createLocation(ctx: ServiceContext, viewer: Viewer, input: LocationCreate) {
  const id = recordChange(ctx, viewer, { kind: 'locations', action: 'create' }, () => {
    assertValidParent(ctx, 'locations', input.parent);
    const now = timestamp(ctx);
    const row = insertRow(ctx.db, locations, {
      name: input.name,
      kind: input.kind,
      parentId: input.parent,
      ...pointColumns(input.point),
      description: input.description,
      createdAt: now,
      updatedAt: now,
    });
    addAlternativeNames(ctx, { locationId: row.id }, input.alternativeNames);
    return row.id;
  });
  return getLocation(ctx, viewer, id);
}

export function updateLocation(ctx: ServiceContext, viewer: Viewer, id: number, input: LocationUpdate) {
  recordChange(ctx, viewer, { kind: 'locations', action: 'update', id }, () => {
    if (!getRow(ctx.db, locations, id)) throw notFound('location', id);
    assertValidParent(ctx, 'locations', input.parent, id);
    updateRow(ctx.db, locations, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.parent !== undefined && { parentId: input.parent }),
      ...(input.point !== undefined && pointColumns(input.point)),
      ...(input.description !== undefined && { description: input.description }),
      updatedAt: timestamp(ctx),
    });
    return id;
  });
  return getLocation(ctx, viewer, id);
}

export function deleteLocation(ctx: ServiceContext, viewer: Viewer, id: number): void {
  deleteRecord(ctx, viewer, 'locations', 'location', id);
}

export function listLocations(ctx: ServiceContext, viewer: Viewer, filter: PlaceFilter<Location['kind']>, page: { afterId?: number; limit: number }) {
  return protect(ctx, viewer, listLocationsUnshielded(ctx, viewer, filter, page));
}

export function getLocation(ctx: ServiceContext, viewer: Viewer, id: number) {
  return protect(ctx, viewer, getLocationUnshielded(ctx, viewer, id));
}
