import type { AlternativeName, Organisation, Person, Post } from '../../db/schema.js';
import type { ClaimStatus } from '../../db/queries/status.js';
import { presentSpan } from '../values/edtf-date.js';
import { apiRecord } from '../urls.js';
import { nameFor, seesIdentity, type Viewer } from '../viewer.js';
import { statusView } from './citations.js';
import { organisationRef, personRef } from './refs.js';
import { alternativeNameItem } from './places.js';

/**
 * A person for this viewer. Without clearance a protected person is the pseudonym and nothing
 * else: no alternative names, no description, since any of them could identify him.
 */
export function personView(viewer: Viewer, person: Person, parts: { alternativeNames: AlternativeName[] }) {
  const identified = seesIdentity(viewer, person);
  return {
    id: person.id,
    name: nameFor(viewer, person),
    pseudonym: person.pseudonym,
    protection: person.protection,
    description: identified ? person.description : '',
    alternativeNames: identified ? parts.alternativeNames.map(alternativeNameItem) : [],
    createdAt: person.createdAt,
    updatedAt: person.updatedAt,
    href: apiRecord('persons', person.id),
  };
}

export function postView(viewer: Viewer, post: Post, parts: { person: Person; organisation: Organisation; status: ClaimStatus }) {
  return {
    id: post.id,
    person: personRef(viewer, parts.person),
    organisation: organisationRef(parts.organisation),
    role: post.role,
    period: post.period,
    periodRange: post.period === null ? null : presentSpan(post.periodEarliest, post.periodLatest),
    status: statusView(parts.status),
    createdAt: post.createdAt,
    updatedAt: post.updatedAt,
    href: apiRecord('posts', post.id),
  };
}
