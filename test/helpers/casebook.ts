/**
 * Starts a real Casebook for a test: a fresh SQLite file in a temporary folder, migrated by the
 * real migrations, served over HTTP on a loopback port, with one account per role signed in by
 * API token. Nothing is faked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openDb, type Db } from '../../db/client.js';
import { buildApp, type AppOptions } from '../../server/app.js';
import { EvidenceStore } from '../../server/evidence/store.js';
import { createLogger } from '../../server/logger.js';
import { createAccount, createToken } from '../../server/services/accounts.js';
import { asRole, type Role } from '../../server/viewer.js';

export interface ApiResponse {
  readonly status: number;
  readonly contentType: string;
  readonly headers: Headers;
  // Tests read response JSON freely; the API's types are checked where the API builds it.
  readonly body: any;
  readonly text: string;
  readonly location: string | null;
}

export interface Client {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  get(path: string): Promise<ApiResponse>;
  post(path: string, body: unknown): Promise<ApiResponse>;
  patch(path: string, body: unknown): Promise<ApiResponse>;
  delete(path: string): Promise<ApiResponse>;
}

/** The test Casebook; used directly, it is a client signed in as a researcher. */
export interface TestCasebook extends Client {
  readonly url: string;
  readonly db: Db;
  readonly dir: string;
  readonly dbPath: string;
  readonly evidenceDir: string;
  /** Every line the server logged. */
  readonly logLines: string[];
  /** A client signed in with an API token as an account of that role, or one not signed in at all. */
  as(who: Role | 'anonymous'): Client;
  /** The account created for a role. */
  account(role: Role): { id: number; name: string; token: string };
  close(): Promise<void>;
}

export function clientFor(url: string, defaults: Record<string, string>): Client {
  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const all: Record<string, string> = { ...defaults, ...headers };
    const init: RequestInit = { method, headers: all, redirect: 'manual' };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      all['content-type'] ??= 'application/json';
    }
    const response = await fetch(url + path, init);
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      contentType,
      headers: response.headers,
      text,
      // JSON and problem+json are parsed; NDJSON (a graph) is many documents and stays text.
      body: /[/+]json\b/.test(contentType) && text ? JSON.parse(text) : text,
      location: response.headers.get('location'),
    };
  }
  return {
    request,
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
    patch: (path, body) => request('PATCH', path, body),
    delete: (path) => request('DELETE', path),
  };
}

export async function startCasebook(options: Partial<Pick<AppOptions, 'now' | 'signInLimits' | 'trustProxy' | 'maxUploadBytes' | 'maxBundleBytes' | 'minFreeBytes'>> = {}): Promise<TestCasebook> {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-test-'));
  const dbPath = join(dir, 'casebook.db');
  const db = openDb(dbPath);
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const evidenceDir = join(dir, 'evidence');
  const app = buildApp({ db, logger: createLogger('info', sink), evidenceStore: new EvidenceStore(evidenceDir), ...options });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const ctx = { db, now: options.now ?? (() => new Date()) };
  const accounts = {} as Record<Role, { id: number; name: string; token: string }>;
  for (const role of ['admin', 'researcher', 'journalist'] as const) {
    const { account } = await createAccount(ctx, asRole('admin'), { name: `test-${role}`, role });
    const { token } = createToken(ctx, asRole('admin'), { label: 'tests', expiresAt: null }, account.id);
    accounts[role] = { id: account.id, name: account.name, token };
  }
  const clients = {
    anonymous: clientFor(url, {}),
    admin: clientFor(url, { authorization: `Bearer ${accounts.admin.token}` }),
    researcher: clientFor(url, { authorization: `Bearer ${accounts.researcher.token}` }),
    journalist: clientFor(url, { authorization: `Bearer ${accounts.journalist.token}` }),
  };

  return {
    ...clients.researcher,
    url,
    db,
    dir,
    dbPath,
    evidenceDir,
    logLines,
    as: (who) => clients[who],
    account: (role) => accounts[role],
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
