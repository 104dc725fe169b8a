/**
 * What each record says to search, in each world: the text a viewer of that world reads on the
 * record's page, built with the viewer's own rules (viewer.ts) and, for the shielded world, with
 * protected names already replaced (protect()). The index holds the word keys of this text and
 * the text itself; hits show snippets cut from it, so a snippet never holds a word the world did
 * not index.
 */
import { documentSources, type DocumentSources, type SearchKind, type SearchWorld } from '../../db/queries/search.js';
import { vocabularies } from '../../db/vocabularies.js';
import { protect } from '../services/protection.js';
import type { ServiceContext } from '../services/context.js';
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

function incidentDocuments(viewer: Viewer, rows: DocumentSources['incident']): SearchDocument[] {
  return rows.map((row) => {
    const names: string[] = [];
    for (const place of row.places) names.push(place.name, ...place.alternativeNames);
    for (const { person, organisation } of row.involved) {
      if (person) names.push(nameFor(viewer, person), ...(seesIdentity(viewer, person) ? person.alternativeNames : []));
      if (organisation) names.push(organisation.name, ...organisation.alternativeNames);
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

function build(viewer: Viewer, kind: SearchKind, rows: DocumentSources[SearchKind]): SearchDocument[] {
  switch (kind) {
    case 'incident':
      return incidentDocuments(viewer, rows as DocumentSources['incident']);
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

/**
 * The documents of these records in both worlds, read once. A record missing from a world's
 * list (deleted, or a restricted source in the shielded world) has no document there.
 */
export function searchDocuments(ctx: ServiceContext, kind: SearchKind, ids: readonly number[]): Record<SearchWorld, SearchDocument[]> {
  const rows = documentSources(ctx.db, kind, ids);
  return {
    full: build(worldViewer.full, kind, rows),
    shielded: protect(ctx, worldViewer.shielded, build(worldViewer.shielded, kind, rows)),
  };
}
