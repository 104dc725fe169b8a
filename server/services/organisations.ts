/** Organisations: agencies, security units, NGOs and media, in a hierarchy (SOBR "Terek" inside Rosgvardia). */
import { organisations, type Organisation } from '../../db/schema.js';
import { alternativeNamesOf, findOrganisations, namesByIds, type PlaceFilter } from '../../db/queries/places.js';
import { getRow, insertRow, updateRow } from '../../db/queries/rows.js';
import type { OrganisationCreate, OrganisationUpdate } from '../schemas/places.js';
import type { Viewer } from '../viewer.js';
import { organisationView } from '../views/places.js';
import { addAlternativeNames } from './alternative-names.js';
import { notFound, type ServiceContext, timestamp } from './context.js';
import { protect } from './protection.js';
import { deleteRecord, recordChange } from './audit.js';
import { assertValidParent } from './hierarchy.js';

function viewAll(ctx: ServiceContext, rows: Organisation[]) {
  const names = alternativeNamesOf(ctx.db, 'organisationId', rows.map((row) => row.id));
  const parentNames = namesByIds(ctx.db, organisations, rows.flatMap((row) => (row.parentId === null ? [] : [row.parentId])));
  return rows.map((row) => organisationView(row, { alternativeNames: names.get(row.id) ?? [], parentNames }));
}

function listOrganisationsUnshielded(ctx: ServiceContext, _viewer: Viewer, filter: PlaceFilter<Organisation['kind']>, page: { afterId?: number; limit: number }) {
  return viewAll(ctx, findOrganisations(ctx.db, filter, page));
}

function getOrganisationUnshielded(ctx: ServiceContext, _viewer: Viewer, id: number) {
  const row = getRow(ctx.db, organisations, id);
  if (!row) throw notFound('organisation', id);
  return viewAll(ctx, [row])[0]!;
}

export function createOrganisation(ctx: ServiceContext, viewer: Viewer, input: OrganisationCreate) {
  const id = recordChange(ctx, viewer, { kind: 'organisations', action: 'create' }, () => {
    assertValidParent(ctx, 'organisations', input.parent);
    const now = timestamp(ctx);
    const row = insertRow(ctx.db, organisations, {
      name: input.name,
      kind: input.kind,
      parentId: input.parent,
      description: input.description,
      createdAt: now,
      updatedAt: now,
    });
    addAlternativeNames(ctx, { organisationId: row.id }, input.alternativeNames);
    return row.id;
  });
  return getOrganisation(ctx, viewer, id);
}

export function updateOrganisation(ctx: ServiceContext, viewer: Viewer, id: number, input: OrganisationUpdate) {
  recordChange(ctx, viewer, { kind: 'organisations', action: 'update', id }, () => {
    if (!getRow(ctx.db, organisations, id)) throw notFound('organisation', id);
    assertValidParent(ctx, 'organisations', input.parent, id);
    updateRow(ctx.db, organisations, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.parent !== undefined && { parentId: input.parent }),
      ...(input.description !== undefined && { description: input.description }),
      updatedAt: timestamp(ctx),
    });
    return id;
  });
  return getOrganisation(ctx, viewer, id);
}

export function deleteOrganisation(ctx: ServiceContext, viewer: Viewer, id: number): void {
  deleteRecord(ctx, viewer, 'organisations', 'organisation', id);
}

export function listOrganisations(ctx: ServiceContext, viewer: Viewer, filter: PlaceFilter<Organisation['kind']>, page: { afterId?: number; limit: number }) {
  return protect(ctx, viewer, listOrganisationsUnshielded(ctx, viewer, filter, page));
}

export function getOrganisation(ctx: ServiceContext, viewer: Viewer, id: number) {
  return protect(ctx, viewer, getOrganisationUnshielded(ctx, viewer, id));
}
