/**
 * Short references to records, as embedded in other records. Each is built field by field for
 * the viewer, so a protected person's name cannot ride along inside another record.
 */
import type { Location, Organisation, Person, Source } from '../../db/schema.js';
import { presentSpan } from '../values/edtf-date.js';
import { apiRecord } from '../urls.js';
import { clearanceOf, nameFor, seesSource, type Viewer } from '../viewer.js';

export function personRef(viewer: Viewer, person: Pick<Person, 'id' | 'name' | 'pseudonym' | 'protection'>) {
  return { kind: 'person' as const, id: person.id, name: nameFor(viewer, person), href: apiRecord('persons', person.id) };
}

export function organisationRef(organisation: Pick<Organisation, 'id' | 'name'>) {
  return { kind: 'organisation' as const, id: organisation.id, name: organisation.name, href: apiRecord('organisations', organisation.id) };
}

export function locationRef(location: Pick<Location, 'id' | 'name'>) {
  return { id: location.id, name: location.name, href: apiRecord('locations', location.id) };
}

/** A source as cited: in full, or for a viewer without clearance only that it is restricted and its grade. */
export function sourceRef(viewer: Viewer, source: Source) {
  if (!seesSource(viewer, source)) {
    return { withheld: true as const, label: 'restricted source', reliability: source.reliability };
  }
  return visibleSourceRef(viewer, source);
}

/** A source in full; only for a source the caller has checked the viewer may see. */
export function visibleSourceRef(viewer: Viewer, source: Source) {
  return {
    id: source.id,
    kind: source.kind,
    title: source.title,
    publisher: source.publisher,
    author: source.author,
    url: source.url,
    published: source.published,
    publishedRange: source.published === null ? null : presentSpan(source.publishedEarliest, source.publishedLatest),
    reliability: source.reliability,
    restricted: source.restricted,
    // Which source this one relays could point at a restricted testimony; without clearance it is left out.
    repeats: clearanceOf(viewer).restrictedSources ? source.repeatsSourceId : null,
    href: apiRecord('sources', source.id),
  };
}
