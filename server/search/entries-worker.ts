/**
 * The thread a search rebuild keys its documents on (./entries-thread.ts): rows in, entries out,
 * in the order they came. It holds no database connection: the names to shield, and the names
 * incidents refer to, arrive with it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseDocumentRows, type DocumentRow, type SearchKind } from '../../db/queries/search.js';
import { shieldFrom } from '../services/protection.js';
import type { DocumentContext } from './documents.js';
import type { EntriesThreadData } from './entries-thread.js';
import { flattenEntries, indexEntries } from './entries.js';

const { shielding, names } = workerData as EntriesThreadData;
const context: DocumentContext = { shield: shieldFrom(shielding), names };

// A failure is thrown, not caught: the worker's 'error' event carries it to the rebuild, which fails.
parentPort!.on('message', ({ kind, ids, rows }: { kind: SearchKind; ids: number[]; rows: DocumentRow[] }) => {
  parentPort!.postMessage(flattenEntries(indexEntries(kind, ids, parseDocumentRows(kind, rows), context)));
});
