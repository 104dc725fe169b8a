/**
 * Importing a Casebook graph into an empty instance: every line is validated with the API's
 * schemas and checked against the lines before it; the rows go in through prepared statements
 * inside one transaction, which commits only if no line had a problem. Problems are collected
 * (up to a limit) with their line numbers, and then nothing is changed.
 */
import { countGraphRows } from '../../../db/queries/graph.js';
import { inWriteTransaction, openDb } from '../../../db/client.js';
import { AppError, ConflictError } from '../../errors.js';
import type { EvidenceStore } from '../../evidence/store.js';
import type { GraphKind } from '../../schemas/graph.js';
import { canExchangeGraph, type Viewer } from '../../viewer.js';
import { recordEvent } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { withRebuildAfterImport } from './after-import.js';
import { EvidenceFiles } from './evidence-files.js';
import { GraphReader, type LineIssue } from './reader.js';

export interface ImportOptions {
  /** Who imports, for the audit entry; must be an admin. */
  readonly viewer: Viewer;
  readonly store: EvidenceStore;
  /** Where files missing from the store are copied from. */
  readonly evidenceDir?: string;
  /** Called every few thousand lines and at the end; `total` is what the header announces. */
  readonly onProgress?: (linesRead: number, total: number) => void;
  /** Called while the search index is rebuilt once the rows are in, with records indexed so far. */
  readonly onIndexProgress?: (recordsIndexed: number, total: number) => void;
  /** Stop reading after this many problems (default 100). */
  readonly maxIssues?: number;
  /** Where the graph came from (a bundle's name and audit head), kept in the audit entry. */
  readonly from?: Readonly<Record<string, string>>;
}

export interface ImportResult {
  readonly lines: number;
  readonly imported: Record<GraphKind, number>;
  readonly evidenceFilesCopied: number;
}

export class GraphImportError extends AppError {
  constructor(readonly issues: readonly LineIssue[]) {
    super(400, 'validation-failed', 'Validation failed', 'The graph has problems; nothing was imported. Each is listed under "errors" with its line number and field path.', {
      errors: issues,
    });
  }
}

const PROGRESS_EVERY = 10_000;
// A bulk load touches pages all over a file growing to gigabytes (the indexes of a dozen tables,
// both search worlds): with SQLite's default 2 MB page cache it reads most of them again and
// again. This much for the import's duration, then the default again. Measured at 1M records:
// 16 MiB 155 s, 64 MiB 133 s, 128 MiB 139 s; 256 MiB was no faster and took peak memory near 1 GB.
const IMPORT_CACHE_KIB = 64 * 1024;

/** Throws ConflictError (409) when the database holds records; reads only. */
export function assertEmpty(ctx: ServiceContext): void {
  const counts = countGraphRows(ctx.db);
  const held = Object.entries(counts).filter(([, n]) => n > 0);
  if (held.length > 0) {
    throw new ConflictError(
      `This Casebook already holds records (${held.map(([table, n]) => `${n} ${table.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`)}`).join(', ')}); ` +
        'a graph is imported only into an empty one. Start a new data folder.',
    );
  }
}

/**
 * Reads `lines` into the database of `ctx`, all or nothing, and writes one audit entry for the
 * whole import. The transaction stays open while lines arrive, so `ctx.db` must be a connection
 * nothing else uses meanwhile (a server uses importGraphOnOwnConnection). Evidence files are
 * copied into `options.store`; on failure the ones copied are removed again.
 */
export async function importGraph(ctx: ServiceContext, lines: AsyncIterable<string>, options: ImportOptions): Promise<ImportResult> {
  if (!canExchangeGraph(options.viewer)) throw new AppError(403, 'forbidden', 'Forbidden', 'Your role may not import a graph.');
  const maxIssues = options.maxIssues ?? 100;
  const client = ctx.db.$client;
  const files = new EvidenceFiles(options.store, options.evidenceDir);
  const cacheSize = client.pragma('cache_size', { simple: true }) as number;
  client.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  try {
    // The write lock is taken before the emptiness check, so nothing can slip in between.
    return await inWriteTransaction(ctx.db, async () => {
      assertEmpty(ctx);
      // The reader (with every id it has seen) is dropped once the lines are in, before the rebuild.
      const loaded = await withRebuildAfterImport(ctx, options.onIndexProgress, async () => {
        const reader = new GraphReader(ctx.db, files);
        for await (const text of lines) {
          const pending = reader.read(text);
          if (pending) await pending;
          if (reader.issues.length >= maxIssues || (!reader.header && reader.issues.length > 0)) break;
          if (reader.lineNumber % PROGRESS_EVERY === 0 || reader.lineNumber === reader.headerLine) options.onProgress?.(reader.lineNumber, reader.announced);
        }
        // Stopped early, the file's end was not seen: its counts say nothing.
        if (reader.issues.length < maxIssues) reader.finish();
        if (reader.issues.length > 0) throw new GraphImportError(reader.issues);
        options.onProgress?.(reader.lineNumber, reader.announced);
        return { lines: reader.lineNumber, imported: reader.counts, header: reader.header! };
      });
      const result: ImportResult = { lines: loaded.lines, imported: loaded.imported, evidenceFilesCopied: files.placed.length };
      const { version, exportedAt = null } = loaded.header;
      recordEvent(ctx, options.viewer, { action: 'import', kind: 'graph', id: null, details: { ...result, version, exportedAt, ...(options.from && { from: options.from }) } });
      return result;
    });
  } catch (error) {
    await files.removePlaced();
    throw error;
  } finally {
    client.pragma(`cache_size = ${cacheSize}`);
  }
}

/**
 * For a server: the import gets a connection of its own, so requests the server keeps answering
 * on its main connection never become part of the import's open transaction (their writes wait
 * for the import's lock, up to the busy timeout, instead).
 */
export async function importGraphOnOwnConnection(ctx: ServiceContext, lines: AsyncIterable<string>, options: ImportOptions): Promise<ImportResult> {
  const db = openDb(ctx.db.$client.name);
  try {
    return await importGraph({ ...ctx, db }, lines, options);
  } finally {
    db.$client.close();
  }
}
