/**
 * A search rebuild's second thread. Reading the rows and writing the index must stay on the
 * connection that holds the import's transaction; building the documents, shielding names and
 * keying words need no database, and at a million records cost about a third of the rebuild. On
 * their own thread they overlap with the reads and writes of the next and previous batches.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentRow, IndexEntry, NameBook, SearchKind } from '../../db/queries/search.js';
import { OrderedWorker } from '../ordered-worker.js';
import type { ShieldSource } from '../services/protection.js';
import { unflattenEntries, type FlatEntries } from './entries.js';

// The worker's file sits beside this one, compiled (.js) or run from source (.ts, under tsx).
const extension = extname(fileURLToPath(import.meta.url));
const workerFile = new URL(`./entries-worker${extension}`, import.meta.url);

/** What the thread is started with; ./entries-worker.ts builds its DocumentContext from it. */
export interface EntriesThreadData {
  readonly shielding: ShieldSource;
  readonly names: NameBook;
}

const MIB = 1024 * 1024;

function resourceLimitsFor(data: EntriesThreadData) {
  const sent = JSON.stringify([data.shielding, ...Object.values(data.names).map((records) => [...records])]).length;
  return {
    // Each batch makes and drops megabytes of short-lived strings. With the default young
    // generation, collecting them took a fifth of the thread's time (1.2 s of 6 at 100k records).
    maxYoungGenerationSizeMb: 64,
    // Left alone, V8 let the old generation fill with the word caches' discarded entries, adding
    // about 100 MB to a 1M-record import. What the thread must keep is its code and bounded caches
    // (under 100 MB) and the names it was sent, which take a few times their JSON.
    maxOldGenerationSizeMb: 128 + Math.ceil((4 * sent) / MIB),
  };
}

function startWorker(workerData: EntriesThreadData): Worker {
  const resourceLimits = resourceLimitsFor(workerData);
  if (extension === '.js') return new Worker(workerFile, { workerData, resourceLimits });
  // On Node 20, tsx's hooks do not reach worker threads (privatenumber/tsx#354): from source, the
  // worker registers them itself before loading its file.
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerFile.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits });
}

export class EntriesThread {
  private readonly thread: OrderedWorker<IndexEntry[], FlatEntries>;

  constructor(data: EntriesThreadData) {
    this.thread = new OrderedWorker(startWorker(data), {
      answer: (flat: FlatEntries) => unflattenEntries(flat),
      stopped: (code) => new Error(`the search index's worker thread stopped (exit code ${code})`),
    });
  }

  /** The entries of these records, once the thread has keyed every batch sent before them. */
  entries(kind: SearchKind, ids: readonly number[], rows: DocumentRow[]): Promise<IndexEntry[]> {
    const answer = this.thread.ask({ kind, ids, rows });
    // A failure rejects every batch still waiting; the rebuild awaits only the oldest, and the
    // others must not count as unhandled rejections.
    answer.catch(() => {});
    return answer;
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}
