/**
 * `npm run export -- <what>`: exports from the command line, acting as an admin, each kind a
 * subcommand that writes to stdout (messages and progress go to stderr). Every export is audited.
 *
 * Under npm, use `npm run -s export …`: without -s npm prints its own banner on stdout too (the
 * import skips that banner, other readers may not).
 */
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openDb } from '../db/client.js';
import { ndjson } from '../exports/graph.js';
import { loadConfig, type Config } from '../server/config.js';
import type { GraphHeaderIn, GraphLineIn } from '../server/schemas/graph.js';
import type { ServiceContext } from '../server/services/context.js';
import { exportGraph } from '../server/services/graph/export.js';
import { asRole } from '../server/viewer.js';
import { addBundleCommand } from './export/bundle.js';
import { addDataCommands } from './export/data.js';
import { addReportCommand } from './export/report.js';

const commandLine = asRole('admin');

async function withDb(work: (ctx: ServiceContext, config: Config) => Promise<void>): Promise<void> {
  const config = loadConfig(process.env);
  if (!existsSync(config.dbPath)) throw new Error(`There is no Casebook database at ${config.dbPath}; set CASEBOOK_DATA_DIR to the data folder.`);
  const db = openDb(config.dbPath);
  try {
    await work({ db, now: () => new Date() }, config);
  } finally {
    db.$client.close();
  }
}

/** Passes the lines through, moving a progress bar on stderr along the header's counts. */
function* withProgress(lines: Iterable<GraphHeaderIn | GraphLineIn>): Generator<GraphHeaderIn | GraphLineIn> {
  const bar = new SingleBar({ format: '  exporting {bar} {value}/{total} lines', noTTYOutput: true, notTTYSchedule: 2000, stream: process.stderr });
  let done = 0;
  try {
    for (const line of lines) {
      if (line.kind === 'casebook-graph') bar.start(1 + Object.values(line.counts).reduce((sum, n) => sum + n, 0), 0);
      yield line;
      if (++done % 1000 === 0) bar.update(done);
    }
    bar.update(done);
  } finally {
    bar.stop();
  }
}

const program = new Command('export').description('Export from Casebook (acts as an admin; every export is audited).');

program
  .command('graph')
  .description('the whole database as a Casebook graph (NDJSON, every protected name included) on stdout, for npm run import')
  .action(() =>
    withDb(async (ctx) => {
      if (process.stdout.isTTY) throw new Error('The graph holds every protected name; send it to a file, not the terminal: npm run -s export -- graph > case.ndjson');
      await pipeline(Readable.from(ndjson(withProgress(exportGraph(ctx, commandLine)))), process.stdout);
    }),
  );

addDataCommands(program, { withDb, viewer: commandLine });
addReportCommand(program, { withDb, viewer: commandLine });
addBundleCommand(program, { withDb, viewer: commandLine });

try {
  await program.parseAsync();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
