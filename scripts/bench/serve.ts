/**
 * Child-process entry for the bench servers, so that autocannon does not share their event loop:
 *   serve.ts casebook <db path>   the real app over an existing database, logging nothing
 *   serve.ts hello                an express hello-world, the baseline
 * Listens on 127.0.0.1 on a free port and prints {"port": n} on stdout.
 */
import express, { type Express } from 'express';
import { openDb } from '../../db/client.js';
import { buildApp } from '../../server/app.js';
import { EvidenceStore } from '../../server/evidence/store.js';
import { createLogger } from '../../server/logger.js';
import { dirname, join } from 'node:path';

function helloApp(): Express {
  const app = express();
  app.get('/', (_req, res) => {
    res.json({ hello: 'world' });
  });
  return app;
}

function appFor(args: string[]): Express {
  const [kind, dbPath] = args;
  if (kind === 'hello') return helloApp();
  if (kind === 'casebook' && dbPath) {
    // No upload limit: the evidence figure measures throughput, not refusals.
    return buildApp({ db: openDb(dbPath), logger: createLogger('silent'), evidenceStore: new EvidenceStore(join(dirname(dbPath), 'evidence')), maxUploadBytes: Number.MAX_SAFE_INTEGER });
  }
  throw new Error('usage: serve.ts casebook <db path> | serve.ts hello');
}

const server = appFor(process.argv.slice(2)).listen(0, '127.0.0.1', (error) => {
  if (error) throw error;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : null;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});

// The bench holds our stdin open; when it dies, even by SIGKILL, the pipe closes and we follow.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
