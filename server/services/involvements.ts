/** Involvements: a person or an organisation in an incident, with a role. */
import { incidents, involvements, organisations, persons, type Involvement } from '../../db/schema.js';
import { citationsOfClaims } from '../../db/queries/citations.js';
import { actorsOf, findInvolvements, type InvolvementFilter } from '../../db/queries/involvements.js';
import { getRow, insertRow, updateRow } from '../../db/queries/rows.js';
import { claimStatuses } from '../../db/queries/status.js';
import { ValidationError } from '../errors.js';
import type { InvolvementCreate, InvolvementUpdate } from '../schemas/people.js';
import type { Viewer } from '../viewer.js';
import { citationView } from '../views/citations.js';
import { involvementView } from '../views/involvements.js';
import { assertReferencesExist, notFound, type ServiceContext, timestamp } from './context.js';
import { protect } from './protection.js';
import { deleteRecord, recordChange } from './audit.js';

function viewAll(ctx: ServiceContext, viewer: Viewer, rows: Involvement[]) {
  const actors = actorsOf(ctx.db, rows);
  const statuses = claimStatuses(ctx.db, 'involvement', rows.map((row) => row.id));
  return rows.map((row) => involvementView(viewer, row, actors, statuses.get(row.id)!));
}

function listInvolvementsUnshielded(ctx: ServiceContext, viewer: Viewer, filter: InvolvementFilter, page: { afterId?: number; limit: number }) {
  return viewAll(ctx, viewer, findInvolvements(ctx.db, filter, page));
}

function getInvolvementUnshielded(ctx: ServiceContext, viewer: Viewer, id: number) {
  const row = getRow(ctx.db, involvements, id);
  if (!row) throw notFound('involvement', id);
  const citations = citationsOfClaims(ctx.db, 'involvement', [id]);
  return { ...viewAll(ctx, viewer, [row])[0]!, citations: citations.map(({ citation, source }) => citationView(viewer, citation, source)) };
}

export function createInvolvement(ctx: ServiceContext, viewer: Viewer, input: InvolvementCreate) {
  if ((input.person === undefined) === (input.organisation === undefined)) {
    throw new ValidationError([{ path: '', message: 'give exactly one of person or organisation' }]);
  }
  const id = recordChange(ctx, viewer, { kind: 'involvements', action: 'create' }, () => {
    assertReferencesExist(ctx, [
      { path: 'incident', table: incidents, id: input.incident, noun: 'incident' },
      { path: 'person', table: persons, id: input.person, noun: 'person' },
      { path: 'organisation', table: organisations, id: input.organisation, noun: 'organisation' },
    ]);
    const now = timestamp(ctx);
    return insertRow(ctx.db, involvements, {
      incidentId: input.incident,
      personId: input.person ?? null,
      organisationId: input.organisation ?? null,
      role: input.role,
      description: input.description,
      createdAt: now,
      updatedAt: now,
    }).id;
  });
  return getInvolvement(ctx, viewer, id);
}

/** Only the role and description change; a different actor or incident is a different involvement. */
export function updateInvolvement(ctx: ServiceContext, viewer: Viewer, id: number, input: InvolvementUpdate) {
  recordChange(ctx, viewer, { kind: 'involvements', action: 'update', id }, () => {
    if (!getRow(ctx.db, involvements, id)) throw notFound('involvement', id);
    updateRow(ctx.db, involvements, id, { ...input, updatedAt: timestamp(ctx) });
    return id;
  });
  return getInvolvement(ctx, viewer, id);
}

export function deleteInvolvement(ctx: ServiceContext, viewer: Viewer, id: number): void {
  deleteRecord(ctx, viewer, 'involvements', 'involvement', id);
}

export function listInvolvements(ctx: ServiceContext, viewer: Viewer, filter: InvolvementFilter, page: { afterId?: number; limit: number }) {
  return protect(ctx, viewer, listInvolvementsUnshielded(ctx, viewer, filter, page));
}

export function getInvolvement(ctx: ServiceContext, viewer: Viewer, id: number) {
  return protect(ctx, viewer, getInvolvementUnshielded(ctx, viewer, id));
}
