/**
 * Keeps both search worlds in step with the records. Triggers queue every document a write
 * touches, whatever code wrote it; `syncSearchIndex` re-indexes the queue inside the writer's
 * transaction, so a committed write is searchable and a rolled-back one leaves the index alone.
 *
 * The shielded world also depends on which names are protected: when they change, every
 * document that mentions an added or removed name (found in the full world, where the names are
 * still words) is re-indexed, so a newly protected name disappears from the shielded world at once.
 */
import { protectedNamesVersion } from '../../db/queries/protected-names.js';
import {
  allNames,
  clearIndex,
  countQueued,
  countRecords,
  documentRows,
  documentSources,
  fullWorldMatches,
  idsAfter,
  indexWriter,
  namesFor,
  queueDocuments,
  recordOf,
  saveSearchState,
  searchKinds,
  searchState,
  setPendingTermsLimit,
  suspendSearchTriggers,
  takeQueued,
  type DocumentSources,
  type IndexEntry,
  type NameBook,
  type SearchKind,
} from '../../db/queries/search.js';
import type { ServiceContext } from '../services/context.js';
import { shieldOf, shieldSource, type ShieldSource } from '../services/protection.js';
import { MIN_INFLECTED_LENGTH, shieldedPhrases } from '../values/name-shield.js';
import { indexEntries } from './entries.js';
import { EntriesThread } from './entries-thread.js';

const BATCH = 2000;
// How many batches a rebuild reads ahead of the one it writes, so that neither thread waits on
// the other when one batch takes longer than the next.
const BATCHES_AHEAD = 2;
// Per world, while a rebuild runs: 16 MiB gave nearly all of what larger sizes gave.
const REBUILD_PENDING_TERMS_BYTES = 16 * 1024 * 1024;

const noNames: NameBook = { persons: new Map(), organisations: new Map(), locations: new Map() };

/** What the shield replaces, as word-key phrases, the form the shield and the index compare. */
function protectedNameKeys(source: ShieldSource): string[] {
  return [...new Set(shieldedPhrases(source.names, source.publicNames).map((phrase) => phrase.keys.join(' ')))].sort();
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
  const names = protectedNameKeys(shieldSource(ctx.db));
  const before = new Set(state.names);
  const now = new Set(names);
  const changed = [...names.filter((name) => !before.has(name)), ...state.names.filter((name) => !now.has(name))];
  for (const name of changed) queueDocuments(ctx.db, fullWorldMatches(ctx.db, nameExpression(name)));
  saveSearchState(ctx.db, { namesVersion: version, names });
}

/** Indexes these records in both worlds; `replace` first removes what the index held for them. */
function indexBatch(ctx: ServiceContext, kind: SearchKind, ids: readonly number[], replace: boolean): void {
  const rows = documentSources(ctx.db, kind, ids);
  const names = kind === 'incident' ? namesFor(ctx.db, rows as DocumentSources['incident']) : noNames;
  indexEntries(kind, ids, rows, { shield: shieldOf(ctx.db), names }).forEach(indexWriter(ctx.db, replace));
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

/**
 * Builds both worlds from scratch, in the caller's transaction (an import, a repair). Each batch's
 * rows are read here and keyed on a second thread while this one writes the batch before.
 */
export async function rebuildSearchIndex(ctx: ServiceContext, onProgress?: (done: number, total: number) => void): Promise<void> {
  clearIndex(ctx.db);
  const shielding = shieldSource(ctx.db);
  saveSearchState(ctx.db, { namesVersion: protectedNamesVersion(ctx.db), names: protectedNameKeys(shielding) });
  const total = countRecords(ctx.db);
  let done = 0;
  // Set in the caller's transaction: if the rebuild fails, its rollback puts the default back too.
  setPendingTermsLimit(ctx.db, REBUILD_PENDING_TERMS_BYTES);
  const write = indexWriter(ctx.db, false);
  const thread = new EntriesThread({ shielding, names: allNames(ctx.db) });
  try {
    const keying: { entries: Promise<IndexEntry[]>; count: number }[] = [];
    const writeOldest = async () => {
      const { entries, count } = keying.shift()!;
      (await entries).forEach(write);
      done += count;
      onProgress?.(done, total);
    };
    for (const kind of searchKinds) {
      for (let ids = idsAfter(ctx.db, kind, 0, BATCH); ids.length > 0; ids = idsAfter(ctx.db, kind, ids.at(-1)!, BATCH)) {
        keying.push({ entries: thread.entries(kind, ids, documentRows(ctx.db, kind, ids)), count: ids.length });
        if (keying.length > BATCHES_AHEAD) await writeOldest();
      }
    }
    while (keying.length > 0) await writeOldest();
  } finally {
    await thread.close();
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
  await rebuildSearchIndex(ctx, onProgress);
  return result;
}
