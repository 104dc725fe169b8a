/**
 * Loads the founding case (the article in context/seed-article.txt) through the same request
 * schemas and services as the API, so the demo holds exactly what a researcher could have
 * POSTed. The data lives in founding-case-data.ts (source, places, bodies, persons, posts) and
 * founding-case-incidents.ts (incidents, involvements, denials).
 */
import type { z } from 'zod';
import { inlineAlternativeName, parseOrThrow } from '../../server/schemas/common.js';
import { incidentCreate } from '../../server/schemas/incidents.js';
import { involvementCreate, personCreate, postCreate } from '../../server/schemas/people.js';
import { locationCreate, organisationCreate } from '../../server/schemas/places.js';
import { citationCreate, sourceCreate } from '../../server/schemas/sources.js';
import { createCitation } from '../../server/services/citations.js';
import type { ServiceContext } from '../../server/services/context.js';
import { createIncident } from '../../server/services/incidents.js';
import { createInvolvement } from '../../server/services/involvements.js';
import { createLocation } from '../../server/services/locations.js';
import { createOrganisation } from '../../server/services/organisations.js';
import { createPerson } from '../../server/services/persons.js';
import { createPost } from '../../server/services/posts.js';
import { createSource } from '../../server/services/sources.js';
import type { Viewer } from '../../server/viewer.js';
import { records } from './founding-case-data.js';
import { events } from './founding-case-incidents.js';

/**
 * The case's data is the API's request bodies with symbolic keys where ids go. A citation names
 * its source by key; its claim is the record it is attached to.
 */
type Input<S extends z.ZodType> = z.input<S>;
type Keyed<S extends z.ZodType, Refs extends string, Extra> = Omit<Input<S>, Refs | 'alternativeNames'> & Extra;

export type CitationData = Omit<Input<typeof citationCreate>, 'source' | 'claim' | 'credibility'> & {
  source: string;
  credibility: 1 | 2 | 3 | 4 | 5 | 6;
};
type Cited = { citations?: CitationData[] };
type NameData = Input<typeof inlineAlternativeName> & Cited;
type Named = { alternativeNames?: NameData[] };

export type SourceData = Keyed<typeof sourceCreate, 'repeats', { key: string; repeats?: string | null }>;
export type LocationData = Keyed<typeof locationCreate, 'parent', { key: string; parent: string | null } & Named & Cited>;
export type OrganisationData = Keyed<typeof organisationCreate, 'parent', { key: string; parent: string | null } & Named>;
export type PersonData = Keyed<typeof personCreate, never, { key: string } & Named>;
export type PostData = Keyed<typeof postCreate, 'person' | 'organisation', { person: string; organisation: string } & Cited>;
export type IncidentData = Keyed<typeof incidentCreate, 'locations', { key: string; locations?: string[] } & Cited>;
export type InvolvementData = Keyed<typeof involvementCreate, 'incident' | 'person' | 'organisation', { incident: string; person?: string; organisation?: string } & Cited>;
/** One official denial, disputing each incident its words reach. */
export type DenialData = { incidents: string[]; citation: CitationData };

export interface CaseRecords {
  sources: SourceData[];
  locations: LocationData[];
  organisations: OrganisationData[];
  persons: PersonData[];
  posts: PostData[];
}

export interface CaseEvents {
  incidents: IncidentData[];
  involvements: InvolvementData[];
  denials: DenialData[];
}

export const foundingCase: CaseRecords & CaseEvents = { ...records, ...events };

export interface LoadedCounts {
  sources: number;
  locations: number;
  organisations: number;
  persons: number;
  alternativeNames: number;
  posts: number;
  incidents: number;
  involvements: number;
  supportingCitations: number;
  disputingCitations: number;
}

type ClaimKind = Input<typeof citationCreate>['claim']['kind'];

/** Symbolic key → id, per kind of record; an unknown key is a mistake in the data, named plainly. */
function keyTable(noun: string) {
  const ids = new Map<string, number>();
  return {
    add(key: string, id: number) {
      if (ids.has(key)) throw new Error(`founding case: ${noun} "${key}" is defined twice`);
      ids.set(key, id);
    },
    id(key: string): number {
      const id = ids.get(key);
      if (id === undefined) throw new Error(`founding case: no ${noun} "${key}" (yet): check the key and the order of the data`);
      return id;
    },
  };
}

/**
 * Creates the whole case in one transaction: sources, places, bodies, persons with their
 * alternative names, posts, incidents, involvements and every citation, each through its create
 * schema and service. Writes one progress line per kind of record to `log`. On any error
 * nothing is left behind. Assumes nothing about the database beyond its schema; refusing a
 * non-empty one is the caller's decision.
 */
export function loadFoundingCase(ctx: ServiceContext, viewer: Viewer, log: (line: string) => void = console.log): LoadedCounts {
  return ctx.db.transaction(() => {
    const keys = {
      source: keyTable('source'),
      location: keyTable('location'),
      organisation: keyTable('organisation'),
      person: keyTable('person'),
      incident: keyTable('incident'),
    };
    const counts: LoadedCounts = {
      sources: 0, locations: 0, organisations: 0, persons: 0, alternativeNames: 0,
      posts: 0, incidents: 0, involvements: 0, supportingCitations: 0, disputingCitations: 0,
    };
    const report = (kind: string, n: number, detail = '') => log(`  ${kind.padEnd(18)} ${String(n).padStart(3)}${detail}`);

    function cite(kind: ClaimKind, id: number, citations: readonly CitationData[] = []) {
      for (const { source, ...citation } of citations) {
        const input = parseOrThrow(citationCreate, { ...citation, source: keys.source.id(source), claim: { kind, id } }, `citation of ${kind} ${id}`);
        createCitation(ctx, viewer, input);
        if (input.stance === 'supports') counts.supportingCitations++;
        else counts.disputingCitations++;
      }
    }

    /** Inline names go in with their owner; the cited ones are then found by name and kind. */
    function withoutCitations(names: readonly NameData[] = []) {
      counts.alternativeNames += names.length;
      return names.map(({ citations: _, ...name }) => name);
    }
    function citeNames(names: readonly NameData[] = [], created: readonly { id: number; name: string; kind: string }[]) {
      for (const name of names.filter((n) => n.citations?.length)) {
        const match = created.find((c) => c.name === name.name.trim() && c.kind === name.kind);
        if (!match) throw new Error(`founding case: alternative name "${name.name}" was not created`);
        cite('alternative-name', match.id, name.citations);
      }
    }

    for (const { key, repeats, ...source } of foundingCase.sources) {
      const input = { ...source, repeats: repeats ? keys.source.id(repeats) : null };
      keys.source.add(key, createSource(ctx, viewer, parseOrThrow(sourceCreate, input, `sources.${key}`)).id);
      counts.sources++;
    }
    report('sources', counts.sources);

    for (const { key, parent, alternativeNames, citations, ...location } of foundingCase.locations) {
      const input = { ...location, parent: parent ? keys.location.id(parent) : null, alternativeNames: withoutCitations(alternativeNames) };
      const created = createLocation(ctx, viewer, parseOrThrow(locationCreate, input, `locations.${key}`));
      keys.location.add(key, created.id);
      cite('location', created.id, citations);
      citeNames(alternativeNames, created.alternativeNames);
      counts.locations++;
    }
    report('locations', counts.locations);

    for (const { key, parent, alternativeNames, ...organisation } of foundingCase.organisations) {
      const input = { ...organisation, parent: parent ? keys.organisation.id(parent) : null, alternativeNames: withoutCitations(alternativeNames) };
      const created = createOrganisation(ctx, viewer, parseOrThrow(organisationCreate, input, `organisations.${key}`));
      keys.organisation.add(key, created.id);
      citeNames(alternativeNames, created.alternativeNames);
      counts.organisations++;
    }
    report('organisations', counts.organisations);

    for (const { key, alternativeNames, ...person } of foundingCase.persons) {
      const input = { ...person, alternativeNames: withoutCitations(alternativeNames) };
      const created = createPerson(ctx, viewer, parseOrThrow(personCreate, input, `persons.${key}`));
      keys.person.add(key, created.id);
      citeNames(alternativeNames, created.alternativeNames);
      counts.persons++;
    }
    report('persons', counts.persons);
    report('alternative names', counts.alternativeNames);

    for (const { person, organisation, citations, ...post } of foundingCase.posts) {
      const input = { ...post, person: keys.person.id(person), organisation: keys.organisation.id(organisation) };
      cite('post', createPost(ctx, viewer, parseOrThrow(postCreate, input, `posts.${person}`)).id, citations);
      counts.posts++;
    }
    report('posts', counts.posts);

    for (const { key, locations, citations, ...incident } of foundingCase.incidents) {
      const input = { ...incident, locations: (locations ?? []).map((place) => keys.location.id(place)) };
      const created = createIncident(ctx, viewer, parseOrThrow(incidentCreate, input, `incidents.${key}`));
      keys.incident.add(key, created.id);
      cite('incident', created.id, citations);
      counts.incidents++;
    }
    report('incidents', counts.incidents);

    for (const { incident, person, organisation, citations, ...involvement } of foundingCase.involvements) {
      const input = {
        ...involvement,
        incident: keys.incident.id(incident),
        ...(person !== undefined && { person: keys.person.id(person) }),
        ...(organisation !== undefined && { organisation: keys.organisation.id(organisation) }),
      };
      const created = createInvolvement(ctx, viewer, parseOrThrow(involvementCreate, input, `involvements.${incident}.${person ?? organisation}`));
      cite('involvement', created.id, citations);
      counts.involvements++;
    }
    report('involvements', counts.involvements);

    for (const denial of foundingCase.denials) {
      for (const incident of denial.incidents) cite('incident', keys.incident.id(incident), [denial.citation]);
    }
    report('citations', counts.supportingCitations + counts.disputingCitations, `: ${counts.supportingCitations} supporting, ${counts.disputingCitations} disputing`);

    return counts;
  });
}
