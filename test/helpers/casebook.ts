/**
 * Starts a real Casebook for a test: a fresh SQLite file in a temporary folder, migrated by the
 * real migrations, served over HTTP on a loopback port. Nothing is faked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openDb, type Db } from '../../db/client.js';
import { buildApp } from '../../server/app.js';
import { createLogger } from '../../server/logger.js';

export interface ApiResponse {
  readonly status: number;
  readonly contentType: string;
  // Tests read response JSON freely; the API's types are checked where the API builds it.
  readonly body: any;
  readonly text: string;
  readonly location: string | null;
}

export interface TestCasebook {
  readonly url: string;
  readonly db: Db;
  readonly dir: string;
  readonly dbPath: string;
  /** Every line the server logged. */
  readonly logLines: string[];
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  get(path: string): Promise<ApiResponse>;
  post(path: string, body: unknown): Promise<ApiResponse>;
  patch(path: string, body: unknown): Promise<ApiResponse>;
  delete(path: string): Promise<ApiResponse>;
  close(): Promise<void>;
}

export async function startCasebook(options: { now?: () => Date } = {}): Promise<TestCasebook> {
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
  const app = buildApp({ db, logger: createLogger('info', sink), now: options.now });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const response = await fetch(url + path, init);
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      contentType,
      text,
      body: contentType.includes('json') && text ? JSON.parse(text) : text,
      location: response.headers.get('location'),
    };
  }

  return {
    url,
    db,
    dir,
    dbPath,
    logLines,
    request,
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
    patch: (path, body) => request('PATCH', path, body),
    delete: (path) => request('DELETE', path),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
