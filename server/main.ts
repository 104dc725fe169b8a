/**
 * The only place that reads the environment, opens the database and listens.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { openDb } from '../db/client.js';
import { buildApp } from './app.js';
import { EvidenceStore } from './evidence/store.js';
import { setAsideUnreferencedEvidence } from './services/evidence.js';
import { loadConfig, type Config } from './config.js';
import { controllingTerminal, ensureFirstAdmin, type Terminal } from './first-start.js';
import { createLogger } from './logger.js';

export interface Running {
  readonly server: Server;
  readonly config: Config;
  readonly url: string;
  close(): Promise<void>;
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
