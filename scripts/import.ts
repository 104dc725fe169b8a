/**
 * `npm run import -- <file> [--evidence <folder>]`: imports a Casebook graph (from npm run export
 * -- graph, or GET /api/v1/graph) into an empty Casebook, all or nothing, acting as an admin.
 * Names every problem with its line number and then changes nothing. One audit entry.
 */
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { createReadStream, mkdirSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { openDb } from '../db/client.js';
import { loadConfig } from '../server/config.js';
import { AppError } from '../server/errors.js';
import { EvidenceStore } from '../server/evidence/store.js';
import { assertFreeSpace } from '../server/services/free-space.js';
import { GraphImportError, importGraph } from '../server/services/graph/import.js';
import { asRole } from '../server/viewer.js';

const program = new Command('import')
  .description('Import a Casebook graph (NDJSON) into an empty Casebook, all or nothing.')
  .argument('<file>', 'the graph file, or - for standard input')
  .option('--evidence <folder>', 'where evidence files not yet in the evidence store are copied from (a copy of another data/evidence, or a folder of <sha256> files)')
  .action(async (file: string, options: { evidence?: string }) => {
    const config = loadConfig(process.env);
    mkdirSync(config.dataDir, { recursive: true });
    // Before anything is written: the rows take about the file's size, the search index as much again.
    const incoming = file === '-' ? 0 : 2 * statSync(file).size;
    await assertFreeSpace({ paths: [config.dataDir], minFreeBytes: config.minFreeBytes }, incoming);
    const db = openDb(config.dbPath);
    const bar = new SingleBar({ format: '  {stage} {bar} {value}/{total} {unit}', noTTYOutput: true, notTTYSchedule: 2000, stream: process.stderr });
    try {
      const input = file === '-' ? process.stdin : createReadStream(file);
      const lines = createInterface({ input, crlfDelay: Infinity });
      bar.start(0, 0, { stage: 'importing', unit: 'lines' });
      const result = await importGraph({ db, now: () => new Date() }, lines, {
        viewer: asRole('admin'),
        store: new EvidenceStore(config.evidenceDir),
        evidenceDir: options.evidence,
        onProgress: (done, total) => {
          bar.setTotal(total);
          bar.update(done);
        },
        // After the lines, the search index is built in one pass: at a million incidents, minutes.
        onIndexProgress: (done, total) => {
          bar.setTotal(total);
          bar.update(done, { stage: 'indexing for search', unit: 'records' });
        },
      });
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
  } else if (error instanceof AppError) {
    console.error(`Nothing was imported: ${error.message}`);
  } else {
    console.error(`The import failed; nothing was imported: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
}
