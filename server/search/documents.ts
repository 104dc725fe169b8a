/**
 * What each record says to search, in each world: the text a viewer of that world reads on the
 * record's page, built with the viewer's own rules (viewer.ts) and, for the shielded world, with
 * protected names already replaced (protect()). The index holds the word keys of this text and
 * the text itself; hits show snippets cut from it, so a snippet never holds a word the world did
 * not index.
 */
import type { DocumentSources, NameBook, SearchKind, SearchWorld } from '../../db/queries/search.js';
import { vocabularies } from '../../db/vocabularies.js';
import { protectWith } from '../services/protection.js';
import type { NameShield } from '../values/name-shield.js';
import { clearanceOf, nameFor, seesIdentity, seesSource, type Viewer } from '../viewer.js';

/** The viewer each world is built for: everything, or what a public export may show. */
export const worldViewer: Record<SearchWorld, Viewer> = {
  full: { kind: 'export', profile: 'internal' },
  shielded: { kind: 'export', profile: 'public' },
};

/**
 * The world a viewer searches: only a viewer cleared for everything searches the full one. A
 * partner export (names hidden, restricted sources shown) searches the shielded world, and so
 * selects by less than it may show rather than by a name it may not.
 */
export function worldOf(viewer: Viewer): SearchWorld {
  const clearance = clearanceOf(viewer);
  return clearance.protectedNames && clearance.restrictedSources ? 'full' : 'shielded';
}

export interface SearchDocument {
  readonly id: number;
  /** What the record is called (a title, a name; for a citation, its source). */
  readonly name: string;
  /** Its other words: description, summary, quote, and for an incident the names of where and who. */
  readonly body: string;
}

const actTypeLabel = new Map<string, string>(vocabularies.actTypes.map((term) => [term.code, term.label]));

const joined = (parts: readonly (string | null | undefined)[]) => parts.filter((part) => part && part.trim()).join(' · ');

function named<T>(records: Map<number, T>, id: number): T {
  const record = records.get(id);
  // The name book is read in the same transaction as the incidents that refer to it.
  if (!record) throw new Error(`an incident refers to record ${id}, which the name book lacks`);
  return record;
}

function incidentDocuments(viewer: Viewer, rows: DocumentSources['incident'], book: NameBook): SearchDocument[] {
  return rows.map((row) => {
    const names: string[] = [];
    for (const id of row.placeIds) {
      const place = named(book.locations, id);
      names.push(place.name, ...place.alternativeNames);
    }
    for (const { personId, organisationId } of row.involved) {
      if (personId !== null) {
        const person = named(book.persons, personId);
        names.push(nameFor(viewer, person), ...(seesIdentity(viewer, person) ? person.alternativeNames : []));
      }
      if (organisationId !== null) {
        const organisation = named(book.organisations, organisationId);
        names.push(organisation.name, ...organisation.alternativeNames);
      }
    }
    const descriptions = row.involved.map((involved) => involved.description);
    return {
      id: row.id,
      name: row.title,
      body: joined([row.summary, row.actTypes.map((code) => actTypeLabel.get(code) ?? code).join(', '), ...names, ...descriptions]),
    };
  });
}

function namedDocuments(rows: DocumentSources['organisation' | 'location']): SearchDocument[] {
  return rows.map((row) => ({ id: row.id, name: row.name, body: joined([...row.alternativeNames, row.description]) }));
}

function personDocuments(viewer: Viewer, rows: DocumentSources['person']): SearchDocument[] {
  return rows.map((row) =>
    seesIdentity(viewer, row)
      ? { id: row.id, name: row.name, body: joined([...row.alternativeNames, row.description]) }
      : { id: row.id, name: nameFor(viewer, row), body: '' },
  );
}

function sourceDocuments(viewer: Viewer, rows: DocumentSources['source']): SearchDocument[] {
  return rows.filter((row) => seesSource(viewer, row)).map((row) => ({ id: row.id, name: row.title, body: joined([row.author, row.publisher, row.notes]) }));
}

function citationDocuments(viewer: Viewer, rows: DocumentSources['citation']): SearchDocument[] {
  return rows.filter((row) => seesSource(viewer, row.source)).map((row) => ({ id: row.id, name: row.source.title, body: joined([row.quote, row.locator]) }));
}

function build(viewer: Viewer, kind: SearchKind, rows: DocumentSources[SearchKind], book: NameBook): SearchDocument[] {
  switch (kind) {
    case 'incident':
      return incidentDocuments(viewer, rows as DocumentSources['incident'], book);
    case 'person':
      return personDocuments(viewer, rows as DocumentSources['person']);
    case 'organisation':
    case 'location':
      return namedDocuments(rows as DocumentSources['location']);
    case 'source':
      return sourceDocuments(viewer, rows as DocumentSources['source']);
    case 'citation':
      return citationDocuments(viewer, rows as DocumentSources['citation']);
  }
}

/** What documents are built with besides their rows: the shield of the names protected when the rows were read, and the names incidents refer to. */
export interface DocumentContext {
  readonly shield: NameShield;
  readonly names: NameBook;
}

/**
 * The documents of these records (their rows, read once) in both worlds. A record missing from a
 * world's list (a restricted source in the shielded world) has no document there.
 */
export function searchDocuments(kind: SearchKind, rows: DocumentSources[SearchKind], context: DocumentContext): Record<SearchWorld, SearchDocument[]> {
  return {
    full: build(worldViewer.full, kind, rows, context.names),
    shielded: protectWith(context.shield, worldViewer.shielded, build(worldViewer.shielded, kind, rows, context.names)),
  };
}
