/**
 * `npm run import -- <file> [--evidence <folder>]`: imports a Casebook graph (from npm run export
 * -- graph, or GET /api/v1/graph) into an empty Casebook, all or nothing, acting as an admin.
 * Names every problem with its line number and then changes nothing. One audit entry.
 *
 * A ZIP (told by its first bytes) is an export bundle: its bag is checked and proven first, then
 * its graph and evidence go in the same way.
 */
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { closeSync, createReadStream, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { openDb } from '../db/client.js';
import { loadConfig } from '../server/config.js';
import { AppError } from '../server/errors.js';
import { EvidenceStore } from '../server/evidence/store.js';
import { assertFreeSpace } from '../server/services/free-space.js';
import { BundleRefusedError, importBundle, type BundleStage } from '../server/services/graph/bundle-import.js';
import { GraphImportError, importGraph, type ImportResult } from '../server/services/graph/import.js';
import { asRole } from '../server/viewer.js';

const units: Record<BundleStage, string> = { unpacking: 'bytes', verifying: 'bytes', importing: 'lines', indexing: 'records' };
const stageNames: Record<BundleStage, string> = { unpacking: 'unpacking', verifying: 'verifying hashes', importing: 'importing', indexing: 'indexing for search' };

/** A ZIP starts with a local file header, or (holding nothing) with the end of its central directory. */
function isZip(file: string): boolean {
  if (file === '-') return false;
  const head = Buffer.alloc(4);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  return head.equals(Buffer.from('PK\x03\x04', 'latin1')) || head.equals(Buffer.from('PK\x05\x06', 'latin1'));
}

const program = new Command('import')
  .description('Import a Casebook graph (NDJSON) or an internal export bundle (ZIP) into an empty Casebook, all or nothing.')
  .argument('<file>', 'the graph file, or - for standard input, or a bundle ZIP')
  .option('--evidence <folder>', 'for a graph: where evidence files not yet in the evidence store are copied from (a copy of another data/evidence, or a folder of <sha256> files)')
  .action(async (file: string, options: { evidence?: string }) => {
    const config = loadConfig(process.env);
    const bundle = isZip(file);
    if (bundle && options.evidence) throw new Error('A bundle carries its own evidence files; leave out --evidence.');
    mkdirSync(config.dataDir, { recursive: true });
    const freeSpace = { paths: [config.dataDir], minFreeBytes: config.minFreeBytes };
    // Before anything is written: the rows take about the file's size, the search index as much again.
    // (A bundle's needs are read from its central directory by the import itself.)
    if (!bundle) await assertFreeSpace(freeSpace, file === '-' ? 0 : 2 * statSync(file).size);
    const db = openDb(config.dbPath);
    const bar = new SingleBar({ format: '  {stage} {bar} {value}/{total} {unit}', noTTYOutput: true, notTTYSchedule: 2000, stream: process.stderr });
    let shown: BundleStage | undefined;
    // A new stage stops the bar first, which prints where the one before it ended.
    const show = (stage: BundleStage, done: number, total: number) => {
      if (stage !== shown) {
        bar.stop();
        bar.start(total, done, { stage: stageNames[stage], unit: units[stage] });
        shown = stage;
      }
      bar.setTotal(total);
      bar.update(done);
    };
    try {
      const ctx = { db, now: () => new Date() };
      const store = new EvidenceStore(config.evidenceDir);
      let result: ImportResult;
      if (bundle) {
        result = await importBundle(ctx, file, { viewer: asRole('admin'), store, freeSpace, maxBytes: config.maxBundleBytes, onProgress: show });
      } else {
        const input = file === '-' ? process.stdin : createReadStream(file);
        const lines = createInterface({ input, crlfDelay: Infinity });
        result = await importGraph(ctx, lines, {
          viewer: asRole('admin'),
          store,
          evidenceDir: options.evidence,
          onProgress: (done, total) => show('importing', done, total),
          // After the lines, the search index is built in one pass: at a million incidents, minutes.
          onIndexProgress: (done, total) => show('indexing', done, total),
        });
      }
      bar.stop();
      const counts = Object.entries(result.imported).map(([kind, n]) => `${n} ${kind}`);
      console.log(`Imported ${result.lines} lines into ${config.dbPath}: ${counts.join(', ')}; ${result.evidenceFilesCopied} evidence files copied.`);
    } finally {
      bar.stop();
      db.$client.close();
    }
  });

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof GraphImportError) {
    for (const issue of error.issues) console.error(`line ${issue.line}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`);
    console.error(`${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}; nothing was imported.`);
  } else if (error instanceof BundleRefusedError) {
    console.error(error.message);
  } else if (error instanceof AppError) {
    console.error(`Nothing was imported: ${error.message}`);
  } else {
    console.error(`The import failed; nothing was imported: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
}
