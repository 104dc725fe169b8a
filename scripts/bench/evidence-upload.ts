/**
 * Figure `evidence`: a large file uploaded over HTTP on loopback (streamed to disk, hashed,
 * fsynced, renamed into place) beside `sha256sum` of the same file in the same run; the
 * server's peak memory; and capture-metadata reading over 1,000 small images beside reading
 * the same files whole.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, openSync, closeSync, writeSync, copyFileSync, statSync, fsyncSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { openDb } from '../../db/client.js';
import { readCaptureMetadata } from '../../server/evidence/metadata.js';
import { BenchFailure, type Figure, type Session } from './figure.js';
import { createReader } from './reader.js';
import type { Row } from './report.js';
import { startServer } from './servers.js';

const MIB = 1024 * 1024;
const SMALL_IMAGES = 1000;

function writeLargeFile(path: string, mib: number): void {
  // Random bytes, so no layer can shortcut the work by compressing or deduplicating.
  const block = randomBytes(MIB);
  const fd = openSync(path, 'w');
  try {
    for (let i = 0; i < mib; i++) {
      block[0] = i & 0xff;
      writeSync(fd, block);
      if ((i + 1) % 256 === 0) console.log(`  wrote ${i + 1}/${mib} MiB`);
    }
    // On disk before anything is timed: otherwise the kernel is still writing this file back
    // while the upload writes its own, and the upload pays for both.
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function timeSha256sum(path: string): number {
  const started = performance.now();
  const result = spawnSync('sha256sum', [path], { encoding: 'utf8' });
  if (result.status !== 0) throw new BenchFailure(`sha256sum failed: ${result.stderr}`);
  return (performance.now() - started) / 1000;
}

function upload(url: string, headers: Record<string, string>, path: string): Promise<{ seconds: number; status: number; body: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/v1/evidence?protected=true`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/octet-stream', 'x-file-name': 'bench.bin', 'content-length': String(statSync(path).size) },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk) => (body += String(chunk)));
      res.on('end', () => resolve({ seconds: (performance.now() - started) / 1000, status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    createReadStream(path, { highWaterMark: MIB }).pipe(req);
  });
}

async function metadataFigures(session: Session, fixture: string): Promise<{ metadata: number; whole: number }> {
  const dir = join(session.dataDir, 'small-images');
  mkdirSync(dir, { recursive: true });
  const paths = Array.from({ length: SMALL_IMAGES }, (_, i) => join(dir, `${i}.jpg`));
  for (const path of paths) copyFileSync(fixture, path);
  let started = performance.now();
  for (const path of paths) await readFile(path);
  const whole = (performance.now() - started) / 1000;
  // The first read imports exifr (metadata.ts loads it on first use): not part of the per-image cost.
  await readCaptureMetadata(paths[0]!, 'image/jpeg');
  started = performance.now();
  for (const path of paths) {
    const metadata = await readCaptureMetadata(path, 'image/jpeg');
    if (metadata.takenAt === null) throw new BenchFailure(`no capture time read from ${path}`);
  }
  return { metadata: (performance.now() - started) / 1000, whole };
}

export const evidenceUpload: Figure = {
  name: 'evidence',
  description: 'a large evidence upload over HTTP beside sha256sum, and metadata reading beside reading files',
  async run(session) {
    const { evidenceMb } = session.options;
    const dbPath = join(session.dataDir, 'evidence-bench.db');
    openDb(dbPath).$client.close();
    const headers = await createReader(dbPath);
    const file = join(session.dataDir, 'upload.bin');
    console.log(`evidence: writing a ${evidenceMb} MiB file`);
    writeLargeFile(file, evidenceMb);

    console.log('evidence: sha256sum of the same file (baseline)');
    timeSha256sum(file); // warms the page cache for both
    const baseline = timeSha256sum(file);
    const server = await startServer(session, ['casebook', dbPath]);
    console.log('evidence: uploading it to Casebook');
    const result = await upload(server.url, headers, file);
    if (result.status !== 201) throw new BenchFailure(`upload answered ${result.status}: ${result.body.slice(0, 300)}`);
    const rss = server.peakRssMb();
    await server.stop();
    // What an idle Node process with the same loader costs, so the figure shows what Casebook adds.
    const hello = await startServer(session, ['hello']);
    const idleRss = hello.peakRssMb();
    await hello.stop();

    console.log(`evidence: capture metadata of ${SMALL_IMAGES} small images`);
    const small = await metadataFigures(session, join(import.meta.dirname, '../../test/fixtures/evidence/gps.jpg'));

    const figure = `evidence ${evidenceMb} MiB`;
    const rows: Row[] = [
      { figure, metric: 'upload s', value: result.seconds, baseline, ratio: result.seconds / baseline, note: 'baseline: sha256sum; goal ratio ≤ 1.0' },
      { figure, metric: 'MiB/s', value: evidenceMb / result.seconds, baseline: evidenceMb / baseline, ratio: result.seconds / baseline },
    ];
    if (rss !== undefined && idleRss !== undefined) {
      rows.push({ figure, metric: 'server peak RSS MB', value: rss, baseline: idleRss, ratio: rss / idleRss, note: 'baseline: express hello-world process; goal < 150 MB' });
    }
    rows.push({
      figure: `metadata ×${SMALL_IMAGES}`,
      metric: 'seconds',
      value: small.metadata,
      baseline: small.whole,
      ratio: small.metadata / small.whole,
      note: 'baseline: reading the same files whole',
    });
    return rows;
  },
};
