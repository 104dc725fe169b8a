/** Persons: officials named in full, victims and witnesses protected behind a stable pseudonym. */
import { randomInt } from 'node:crypto';
import { persons, type Person } from '../../db/schema.js';
import { findPersons, countPseudonymsWithPrefix, pseudonymTaken, type PersonFilter } from '../../db/queries/persons.js';
import { alternativeNamesOf } from '../../db/queries/places.js';
import { actorsOf, findInvolvements } from '../../db/queries/involvements.js';
import { postsOfPersons } from '../../db/queries/posts.js';
import { getRow, insertRow, updateRow } from '../../db/queries/rows.js';
import { claimStatuses } from '../../db/queries/status.js';
import type { CodeOf } from '../../db/vocabularies.js';
import type { PersonCreate, PersonUpdate } from '../schemas/people.js';
import { clearanceOf, seesIdentity, type Viewer } from '../viewer.js';
import { involvementView } from '../views/involvements.js';
import { personView, postView } from '../views/people.js';
import { apiCollection, withQuery } from '../urls.js';
import { addAlternativeNames } from './alternative-names.js';
import { notFound, type ServiceContext, timestamp } from './context.js';
import { protect } from './protection.js';
import { deleteRecord, recordChange } from './audit.js';

/** A person's page shows the first involvements; `links.involvements` pages through all of them. */
const INVOLVEMENTS_SHOWN = 100;

const letters: Record<CodeOf<'pseudonymKinds'>, string> = { victim: 'V', witness: 'W', person: 'P' };

/**
 * Draws an unused pseudonym such as "V-07". The number is random within a space at least ten
 * times the number already drawn with that letter, so it says nothing about the name or the
 * order of entry (only the width grows, by powers of ten, as the case grows).
 */
export function drawPseudonym(ctx: ServiceContext, kind: CodeOf<'pseudonymKinds'>): string {
  const letter = letters[kind];
  const taken = countPseudonymsWithPrefix(ctx.db, letter);
  const space = Math.max(100, 10 ** Math.ceil(Math.log10((taken + 1) * 10)));
  const width = String(space - 1).length;
  for (;;) {
    const candidate = `${letter}-${String(randomInt(1, space)).padStart(width, '0')}`;
    if (!pseudonymTaken(ctx.db, candidate)) return candidate;
  }
}

function existingPerson(ctx: ServiceContext, id: number): Person {
  const row = getRow(ctx.db, persons, id);
  if (!row) throw notFound('person', id);
  return row;
}

function viewAll(ctx: ServiceContext, viewer: Viewer, rows: Person[]) {
  const names = alternativeNamesOf(ctx.db, 'personId', rows.map((row) => row.id));
  return rows.map((row) => personView(viewer, row, { alternativeNames: names.get(row.id) ?? [] }));
}

function listPersonsUnshielded(ctx: ServiceContext, viewer: Viewer, filter: PersonFilter, page: { afterId?: number; limit: number }) {
  return viewAll(ctx, viewer, findPersons(ctx.db, clearanceOf(viewer), filter, page));
}

/** A person with the posts held and the incidents involved in. */
function getPersonUnshielded(ctx: ServiceContext, viewer: Viewer, id: number) {
  const person = existingPerson(ctx, id);
  const postRows = seesIdentity(viewer, person) ? postsOfPersons(ctx.db, [id]) : [];
  const involvementRows = findInvolvements(ctx.db, { personId: id }, { limit: INVOLVEMENTS_SHOWN });
  const actors = actorsOf(ctx.db, [...postRows, ...involvementRows]);
  const postStatuses = claimStatuses(ctx.db, 'post', postRows.map((row) => row.id));
  const involvementStatuses = claimStatuses(ctx.db, 'involvement', involvementRows.map((row) => row.id));
  return {
    ...viewAll(ctx, viewer, [person])[0]!,
    posts: postRows.map((post) =>
      postView(viewer, post, { person, organisation: actors.organisations.get(post.organisationId)!, status: postStatuses.get(post.id)! }),
    ),
    involvements: involvementRows.map((row) => involvementView(viewer, row, actors, involvementStatuses.get(row.id)!)),
    links: { involvements: withQuery(apiCollection('involvements'), { person: String(id) }) },
  };
}

export function createPerson(ctx: ServiceContext, viewer: Viewer, input: PersonCreate) {
  const id = recordChange(ctx, viewer, { kind: 'persons', action: 'create' }, () => {
    const now = timestamp(ctx);
    const row = insertRow(ctx.db, persons, {
      name: input.name,
      protection: input.protection,
      pseudonym: drawPseudonym(ctx, input.pseudonymKind),
      description: input.description,
      createdAt: now,
      updatedAt: now,
    });
    addAlternativeNames(ctx, { personId: row.id }, input.alternativeNames);
    return row.id;
  });
  return getPerson(ctx, viewer, id);
}

export function updatePerson(ctx: ServiceContext, viewer: Viewer, id: number, input: PersonUpdate) {
  recordChange(ctx, viewer, { kind: 'persons', action: 'update', id }, () => {
    existingPerson(ctx, id);
    updateRow(ctx.db, persons, id, { ...input, updatedAt: timestamp(ctx) });
    return id;
  });
  return getPerson(ctx, viewer, id);
}

export function deletePerson(ctx: ServiceContext, viewer: Viewer, id: number): void {
  deleteRecord(ctx, viewer, 'persons', 'person', id);
}

export function listPersons(ctx: ServiceContext, viewer: Viewer, filter: PersonFilter, page: { afterId?: number; limit: number }) {
  return protect(ctx, viewer, listPersonsUnshielded(ctx, viewer, filter, page));
}

export function getPerson(ctx: ServiceContext, viewer: Viewer, id: number) {
  return protect(ctx, viewer, getPersonUnshielded(ctx, viewer, id));
}
