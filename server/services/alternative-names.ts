/**
 * Alternative names of persons, organisations and locations: aliases, call signs,
 * transliterations, names in other scripts. Each has its own id so a citation can support it.
 */
import { alternativeNames, locations, organisations, persons, type AlternativeName, type Person } from '../../db/schema.js';
import { findAlternativeNames, type AlternativeNameFilter } from '../../db/queries/alternative-names.js';
import { citationsOfClaims } from '../../db/queries/citations.js';
import { getRow, insertRow, updateRow } from '../../db/queries/rows.js';
import { claimStatuses } from '../../db/queries/status.js';
import type { z } from 'zod';
import { ValidationError } from '../errors.js';
import type { inlineAlternativeName } from '../schemas/common.js';
import type { AlternativeNameCreate, AlternativeNameUpdate } from '../schemas/people.js';
import { clearanceOf, seesIdentity, type Viewer } from '../viewer.js';
import { locationRef, organisationRef, personRef } from '../views/refs.js';
import { citationView } from '../views/citations.js';
import { alternativeNameView } from '../views/alternative-names.js';
import { assertReferencesExist, notFound, type ServiceContext, timestamp } from './context.js';
import { protect } from './protection.js';
import { deleteRecord, recordChange } from './audit.js';

type Owner = { personId: number } | { organisationId: number } | { locationId: number };
type NameInput = z.output<typeof inlineAlternativeName>;

/** Adds names to an owner that the caller has already checked exists. Runs inside the caller's transaction. */
export function addAlternativeNames(ctx: ServiceContext, owner: Owner, names: readonly NameInput[]): void {
  const now = timestamp(ctx);
  for (const name of names) {
    insertRow(ctx.db, alternativeNames, { ...owner, name: name.name, kind: name.kind, language: name.language ?? null, createdAt: now, updatedAt: now });
  }
}

/** A name is hidden with its owner: a protected person's aliases are as identifying as the name. */
function visibleName(ctx: ServiceContext, viewer: Viewer, id: number): { row: AlternativeName; person: Person | undefined } {
  const row = getRow(ctx.db, alternativeNames, id);
  const person = row?.personId ? getRow(ctx.db, persons, row.personId) : undefined;
  if (!row || (person && !seesIdentity(viewer, person))) throw notFound('alternative name', id);
  return { row, person };
}

function ownerRef(ctx: ServiceContext, viewer: Viewer, row: AlternativeName, person: Person | undefined) {
  if (person) return personRef(viewer, person);
  if (row.organisationId !== null) return organisationRef(getRow(ctx.db, organisations, row.organisationId)!);
  return { kind: 'location', ...locationRef(getRow(ctx.db, locations, row.locationId!)!) };
}

function view(ctx: ServiceContext, viewer: Viewer, row: AlternativeName, person: Person | undefined) {
  const status = claimStatuses(ctx.db, 'alternative-name', [row.id]).get(row.id)!;
  return alternativeNameView(row, { owner: ownerRef(ctx, viewer, row, person), status });
}

function listAlternativeNamesUnshielded(ctx: ServiceContext, viewer: Viewer, filter: AlternativeNameFilter, page: { afterId?: number; limit: number }) {
  return findAlternativeNames(ctx.db, clearanceOf(viewer), filter, page).map((row) => {
    const person = row.personId ? getRow(ctx.db, persons, row.personId) : undefined;
    return view(ctx, viewer, row, person);
  });
}

function getAlternativeNameUnshielded(ctx: ServiceContext, viewer: Viewer, id: number) {
  const { row, person } = visibleName(ctx, viewer, id);
  const citations = citationsOfClaims(ctx.db, 'alternative-name', [id]);
  return { ...view(ctx, viewer, row, person), citations: citations.map(({ citation, source }) => citationView(viewer, citation, source)) };
}

export function createAlternativeName(ctx: ServiceContext, viewer: Viewer, input: AlternativeNameCreate) {
  const owners = [input.person, input.organisation, input.location].filter((owner) => owner !== undefined);
  if (owners.length !== 1) {
    throw new ValidationError([{ path: '', message: 'give exactly one of person, organisation or location' }]);
  }
  const id = recordChange(ctx, viewer, { kind: 'alternative-names', action: 'create' }, () => {
    assertReferencesExist(ctx, [
      { path: 'person', table: persons, id: input.person, noun: 'person' },
      { path: 'organisation', table: organisations, id: input.organisation, noun: 'organisation' },
      { path: 'location', table: locations, id: input.location, noun: 'location' },
    ]);
    const now = timestamp(ctx);
    return insertRow(ctx.db, alternativeNames, {
      personId: input.person ?? null,
      organisationId: input.organisation ?? null,
      locationId: input.location ?? null,
      name: input.name,
      kind: input.kind,
      language: input.language ?? null,
      createdAt: now,
      updatedAt: now,
    }).id;
  });
  return getAlternativeName(ctx, viewer, id);
}

export function updateAlternativeName(ctx: ServiceContext, viewer: Viewer, id: number, input: AlternativeNameUpdate) {
  recordChange(ctx, viewer, { kind: 'alternative-names', action: 'update', id }, () => {
    visibleName(ctx, viewer, id);
    updateRow(ctx.db, alternativeNames, id, { ...input, updatedAt: timestamp(ctx) });
    return id;
  });
  return getAlternativeName(ctx, viewer, id);
}

export function deleteAlternativeName(ctx: ServiceContext, viewer: Viewer, id: number): void {
  visibleName(ctx, viewer, id);
  deleteRecord(ctx, viewer, 'alternative-names', 'alternative name', id);
}

export function listAlternativeNames(ctx: ServiceContext, viewer: Viewer, filter: AlternativeNameFilter, page: { afterId?: number; limit: number }) {
  return protect(ctx, viewer, listAlternativeNamesUnshielded(ctx, viewer, filter, page));
}

export function getAlternativeName(ctx: ServiceContext, viewer: Viewer, id: number) {
  return protect(ctx, viewer, getAlternativeNameUnshielded(ctx, viewer, id));
}
