/**
 * `npm run export -- graph`: the whole database as a Casebook graph (NDJSON) on stdout, with a
 * progress bar on stderr.
 */
import { SingleBar } from 'cli-progress';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ndjson } from '../../exports/graph.js';
import type { GraphHeaderIn, GraphLineIn } from '../../server/schemas/graph.js';
import { exportGraph } from '../../server/services/graph/export.js';
import { commandLine, withDb } from './with-db.js';

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

/** Writes the graph, acting as the command line's admin. */
export function runGraph(): Promise<void> {
  return withDb(async (ctx) => {
    if (process.stdout.isTTY) throw new Error('The graph holds every protected name; send it to a file, not the terminal: npm run -s export -- graph > case.ndjson');
    await pipeline(Readable.from(ndjson(withProgress(exportGraph(ctx, commandLine)))), process.stdout);
  });
}
