/**
 * A record's index entry in both worlds, from the rows its documents are made of: plain
 * computation, no database, so a rebuild can run it on a thread of its own (./entries-thread.ts).
 */
import { docidOf, type DocumentSources, type DocumentText, type IndexEntry, type SearchKind, type WorldEntry } from '../../db/queries/search.js';
import { textKey } from '../values/word-key.js';
import { searchDocuments, type DocumentContext, type SearchDocument } from './documents.js';

function keyed(document: SearchDocument): DocumentText {
  return { name: textKey(document.name), body: textKey(document.body) };
}

const entryOf = (document: SearchDocument, keys: DocumentText): WorldEntry => ({ keys, text: { name: document.name, body: document.body } });

/** The entries of these records, in the order of `ids`; a record without rows (deleted) gets an entry with no documents. */
export function indexEntries(kind: SearchKind, ids: readonly number[], rows: DocumentSources[SearchKind], context: DocumentContext): IndexEntry[] {
  const documents = searchDocuments(kind, rows, context);
  const full = new Map(documents.full.map((document) => [document.id, document]));
  const shielded = new Map(documents.shielded.map((document) => [document.id, document]));
  return ids.map((id) => {
    const fullDocument = full.get(id);
    const shieldedDocument = shielded.get(id);
    const fullKeys = fullDocument && keyed(fullDocument);
    // Most records read the same in both worlds: key their words once.
    const same = fullDocument && shieldedDocument && fullDocument.name === shieldedDocument.name && fullDocument.body === shieldedDocument.body;
    const shieldedKeys = shieldedDocument && (same ? fullKeys : keyed(shieldedDocument));
    return {
      docid: docidOf(kind, id),
      full: fullDocument && fullKeys ? entryOf(fullDocument, fullKeys) : null,
      shielded: shieldedDocument && shieldedKeys ? entryOf(shieldedDocument, shieldedKeys) : null,
    };
  });
}

// Between threads, entries travel as one flat array: copying a few strings per entry costs far
// less than copying the objects around them. Per entry: the docid, then each world as NONE, SAME
// (the shielded world reads as the full one) or OWN followed by its four texts.
const NONE = 0;
const OWN = 1;
const SAME = 2;

export type FlatEntries = (string | number)[];

function pushWorld(out: FlatEntries, world: WorldEntry | null): void {
  if (world) out.push(OWN, world.keys.name, world.keys.body, world.text.name, world.text.body);
  else out.push(NONE);
}

export function flattenEntries(entries: readonly IndexEntry[]): FlatEntries {
  const out: FlatEntries = [];
  for (const { docid, full, shielded } of entries) {
    out.push(docid);
    pushWorld(out, full);
    if (full && shielded && shielded.text.name === full.text.name && shielded.text.body === full.text.body) out.push(SAME);
    else pushWorld(out, shielded);
  }
  return out;
}

export function unflattenEntries(flat: FlatEntries): IndexEntry[] {
  const entries: IndexEntry[] = [];
  let at = 0;
  const world = (): WorldEntry | null => {
    if (flat[at++] === NONE) return null;
    const [keysName, keysBody, textName, textBody] = flat.slice(at, (at += 4)) as string[];
    return { keys: { name: keysName!, body: keysBody! }, text: { name: textName!, body: textBody! } };
  };
  while (at < flat.length) {
    const docid = flat[at++] as number;
    const full = world();
    const shielded = flat[at] === SAME ? (at++, full) : world();
    entries.push({ docid, full, shielded });
  }
  return entries;
}
