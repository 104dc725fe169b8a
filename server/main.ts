/**
 * The only place that reads the environment, opens the database and listens.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { inWriteTransaction, openDb } from '../db/client.js';
import { countQueued, countRecords } from '../db/queries/search.js';
import { buildApp } from './app.js';
import { EvidenceStore } from './evidence/store.js';
import { setAsideUnreferencedEvidence } from './services/evidence.js';
import { loadConfig, type Config } from './config.js';
import { controllingTerminal, ensureFirstAdmin, type Terminal } from './first-start.js';
import type { Logger } from 'pino';
import { createLogger } from './logger.js';
import { rebuildSearchIndex, syncSearchIndex } from './search/indexer.js';
import type { ServiceContext } from './services/context.js';

export interface Running {
  readonly server: Server;
  readonly config: Config;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * After an upgrade that changed what the search index holds, every record waits in its queue
 * (db/migrations/0006): indexed here, with progress in the log, before the server listens, rather
 * than inside whichever request comes first, which at a million records would take minutes. When
 * the queue holds as many documents as there are records, both worlds are rebuilt in one pass,
 * keyed on a second thread, as after an import; otherwise the queue is worked through.
 */
async function bringSearchIndexUpToDate(ctx: ServiceContext, logger: Logger): Promise<void> {
  const queued = countQueued(ctx.db);
  if (queued === 0) return;
  const rebuild = queued >= countRecords(ctx.db);
  logger.info({ documents: queued, rebuild }, 'bringing the search index up to date before listening');
  const started = performance.now();
  let logged = 0;
  const progress = (done: number, total: number) => {
    if (done - logged < total / 10 && done < total) return;
    logged = done;
    logger.info({ done, total }, 'indexing for search');
  };
  if (rebuild) await inWriteTransaction(ctx.db, () => rebuildSearchIndex(ctx, progress));
  else ctx.db.transaction(() => syncSearchIndex(ctx, progress));
  logger.info({ documents: queued, seconds: Math.round((performance.now() - started) / 100) / 10 }, 'search index up to date');
}

export async function start(env: NodeJS.ProcessEnv = process.env, terminal: Terminal = controllingTerminal): Promise<Running> {
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel);
  mkdirSync(config.dataDir, { recursive: true });
  const db = openDb(config.dbPath);
  await ensureFirstAdmin({ db, now: () => new Date() }, logger, terminal);
  const evidenceStore = new EvidenceStore(config.evidenceDir);
  const leftovers = evidenceStore.cleanTemporary();
  if (leftovers > 0) logger.warn({ files: leftovers }, 'removed unfinished uploads left by an earlier stop');
  const unreferenced = setAsideUnreferencedEvidence({ db, now: () => new Date() }, evidenceStore);
  if (unreferenced.length > 0) {
    logger.warn({ files: unreferenced }, 'moved evidence files that no record names (an upload or import stopped before its record was saved) out of the store; delete them once you are sure they are not needed');
  }
  await bringSearchIndexUpToDate({ db, now: () => new Date() }, logger);
  const app = buildApp({ db, logger, trustProxy: config.trustProxy, evidenceStore, maxUploadBytes: config.maxUploadBytes, maxBundleBytes: config.maxBundleBytes, minFreeBytes: config.minFreeBytes });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
    listening.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, dataDir: config.dataDir }, 'Casebook is listening');
  return {
    server,
    config,
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          db.$client.close();
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
