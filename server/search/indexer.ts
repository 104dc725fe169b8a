/**
 * Keeps both search worlds in step with the records. Triggers queue every document a write
 * touches, whatever code wrote it; `syncSearchIndex` re-indexes the queue inside the writer's
 * transaction, so a committed write is searchable and a rolled-back one leaves the index alone.
 *
 * The shielded world also depends on which names are protected: when they change, every
 * document that mentions an added or removed name (found in the full world, where the names are
 * still words) is re-indexed, so a newly protected name disappears from the shielded world at once.
 */
import { protectedNames, protectedNamesVersion, publicPersonNames } from '../../db/queries/protected-names.js';
import {
  clearIndex,
  countQueued,
  countRecords,
  docidOf,
  fullWorldMatches,
  idsAfter,
  queueDocuments,
  recordOf,
  saveSearchState,
  searchKinds,
  setPendingTermsLimit,
  searchState,
  suspendSearchTriggers,
  takeQueued,
  writeIndexEntry,
  type DocumentText,
  type SearchKind,
  type WorldEntry,
} from '../../db/queries/search.js';
import type { ServiceContext } from '../services/context.js';
import { textKey } from '../values/word-key.js';
import { MIN_INFLECTED_LENGTH, shieldedPhrases } from '../values/name-shield.js';
import { searchDocuments, type SearchDocument } from './documents.js';

const BATCH = 2000;
// Per world, while a rebuild runs: 16 MiB gave nearly all of what larger sizes gave.
const REBUILD_PENDING_TERMS_BYTES = 16 * 1024 * 1024;

function keyed(document: SearchDocument): DocumentText {
  return { name: textKey(document.name), body: textKey(document.body) };
}

const entryOf = (document: SearchDocument, keys: DocumentText): WorldEntry => ({ keys, text: { name: document.name, body: document.body } });

/** What the shield replaces, as word-key phrases, the form the shield and the index compare. */
function protectedNameKeys(ctx: ServiceContext): string[] {
  return [...new Set(shieldedPhrases(protectedNames(ctx.db), publicPersonNames(ctx.db)).map((phrase) => phrase.keys.join(' ')))].sort();
}

/** An FTS5 expression matching a name in the full world, with room for the case endings the shield also catches. */
function nameExpression(nameKey: string): string {
  return nameKey
    .split(' ')
    .map((key) => (key.length >= MIN_INFLECTED_LENGTH ? `"${key}"*` : `"${key}"`))
    .join(' + ');
}

function queueChangedNames(ctx: ServiceContext): void {
  const version = protectedNamesVersion(ctx.db);
  const state = searchState(ctx.db);
  if (state.namesVersion === version) return;
  const names = protectedNameKeys(ctx);
  const before = new Set(state.names);
  const now = new Set(names);
  const changed = [...names.filter((name) => !before.has(name)), ...state.names.filter((name) => !now.has(name))];
  for (const name of changed) queueDocuments(ctx.db, fullWorldMatches(ctx.db, nameExpression(name)));
  saveSearchState(ctx.db, { namesVersion: version, names });
}

/** Indexes these records in both worlds; `replace` first removes what the index held for them. */
function indexBatch(ctx: ServiceContext, kind: SearchKind, ids: readonly number[], replace: boolean): void {
  const documents = searchDocuments(ctx, kind, ids);
  const full = new Map(documents.full.map((document) => [document.id, document]));
  const shielded = new Map(documents.shielded.map((document) => [document.id, document]));
  for (const id of ids) {
    const fullDocument = full.get(id);
    const shieldedDocument = shielded.get(id);
    const fullKeys = fullDocument && keyed(fullDocument);
    // Most records read the same in both worlds: key their words once.
    const same = fullDocument && shieldedDocument && fullDocument.name === shieldedDocument.name && fullDocument.body === shieldedDocument.body;
    const shieldedKeys = shieldedDocument && (same ? fullKeys : keyed(shieldedDocument));
    writeIndexEntry(
      ctx.db,
      {
        docid: docidOf(kind, id),
        full: fullDocument && fullKeys ? entryOf(fullDocument, fullKeys) : null,
        shielded: shieldedDocument && shieldedKeys ? entryOf(shieldedDocument, shieldedKeys) : null,
      },
      replace,
    );
  }
}

/** Re-indexes every queued document. Call inside the transaction that wrote the records. */
export function syncSearchIndex(ctx: ServiceContext, onProgress?: (done: number, total: number) => void): void {
  queueChangedNames(ctx);
  const total = onProgress ? countQueued(ctx.db) : 0;
  let done = 0;
  for (let docids = takeQueued(ctx.db, BATCH); docids.length > 0; docids = takeQueued(ctx.db, BATCH)) {
    const byKind = new Map<SearchKind, number[]>();
    for (const docid of docids) {
      const { kind, id } = recordOf(docid);
      byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
    }
    for (const [kind, ids] of byKind) indexBatch(ctx, kind, ids, true);
    done += docids.length;
    onProgress?.(done, total);
  }
}

/** Builds both worlds from scratch, in the caller's transaction (an import, a repair). */
export function rebuildSearchIndex(ctx: ServiceContext, onProgress?: (done: number, total: number) => void): void {
  clearIndex(ctx.db);
  saveSearchState(ctx.db, { namesVersion: protectedNamesVersion(ctx.db), names: protectedNameKeys(ctx) });
  const total = countRecords(ctx.db);
  let done = 0;
  // Set in the caller's transaction: if the rebuild fails, its rollback puts the default back too.
  setPendingTermsLimit(ctx.db, REBUILD_PENDING_TERMS_BYTES);
  for (const kind of searchKinds) {
    for (let ids = idsAfter(ctx.db, kind, 0, BATCH); ids.length > 0; ids = idsAfter(ctx.db, kind, ids.at(-1)!, BATCH)) {
      indexBatch(ctx, kind, ids, false);
      done += ids.length;
      onProgress?.(done, total);
    }
  }
  setPendingTermsLimit(ctx.db, 'default');
}

/**
 * Runs a bulk load with the search triggers set aside, then rebuilds both worlds in one pass:
 * queuing every row of a million-record import only to empty the queue again costs more than the
 * rows themselves. All inside the caller's transaction, so a failure restores the triggers too.
 */
export async function withSearchRebuiltAfter<T>(ctx: ServiceContext, load: () => Promise<T>, onProgress?: (done: number, total: number) => void): Promise<T> {
  if (!ctx.db.$client.inTransaction) throw new Error('withSearchRebuiltAfter must run inside a transaction');
  const restore = suspendSearchTriggers(ctx.db);
  const result = await load();
  restore();
  rebuildSearchIndex(ctx, onProgress);
  return result;
}
