import type { Involvement, Organisation, Person } from '../../db/schema.js';
import type { ClaimStatus } from '../../db/queries/status.js';
import { apiRecord } from '../urls.js';
import type { Viewer } from '../viewer.js';
import { statusView } from './citations.js';
import { organisationRef, personRef } from './refs.js';

export interface Actors {
  readonly persons: ReadonlyMap<number, Person>;
  readonly organisations: ReadonlyMap<number, Organisation>;
}

/** The person or organisation a row points at, as a reference for this viewer. */
export function actorRef(viewer: Viewer, row: { personId: number | null; organisationId: number | null }, actors: Actors) {
  if (row.personId !== null) {
    const person = actors.persons.get(row.personId);
    if (!person) throw new Error(`person ${row.personId} not loaded`);
    return personRef(viewer, person);
  }
  const organisation = actors.organisations.get(row.organisationId!);
  if (!organisation) throw new Error(`organisation ${row.organisationId} not loaded`);
  return organisationRef(organisation);
}

export function involvementView(viewer: Viewer, involvement: Involvement, actors: Actors, status: ClaimStatus) {
  return {
    id: involvement.id,
    incident: { id: involvement.incidentId, href: apiRecord('incidents', involvement.incidentId) },
    actor: actorRef(viewer, involvement, actors),
    role: involvement.role,
    description: involvement.description,
    status: statusView(status),
    createdAt: involvement.createdAt,
    updatedAt: involvement.updatedAt,
    href: apiRecord('involvements', involvement.id),
  };
}
