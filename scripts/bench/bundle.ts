/**
 * Figure `bundle`: export bundles over about 0.5 GB and 2 GB of evidence (sizes in MiB, a
 * parameter), each written by `npm run export -- bundle` (the compiled build, as a child process)
 * with the internal profile (files carried as stored) and the public one (each image stripped as it is read),
 * beside `zip -r -6 -n .jpg` over the same files in the same run, each three times in turn and
 * compared by median, and the exporting process's peak memory, which must not grow with the bundle.
 *
 * The evidence is generated deterministically: JPEG-like files (start of image, an EXIF segment
 * holding GPS-like bytes, a scan of random bytes that never form a marker, end of image), which the
 * public profile's stripper accepts. The store's files are hard links to the generated ones, so
 * both tools read the same inodes through the same page cache.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../db/client.js';
import { evidence } from '../../db/schema.js';
import { EvidenceStore } from '../../server/evidence/store.js';
import { BenchFailure, type Figure, type Session } from './figure.js';
import { mulberry32 } from './incident-data.js';
import type { Row } from './report.js';

const MIB = 1024 * 1024;
const exportScript = fileURLToPath(new URL('../../dist/export.js', import.meta.url));

/** One JPEG-like file of `bytes` bytes from `random`. */
function jpegLike(bytes: number, random: () => number): Buffer {
  const exif = Buffer.alloc(2 + 2 + 512);
  exif.writeUInt16BE(0xffe1, 0);
  exif.writeUInt16BE(exif.length - 2, 2);
  exif.write('Exif\0\0GPS 43.3178 N 45.6949 E Canon EOS 5D', 4, 'latin1');
  const head = Buffer.concat([Buffer.from([0xff, 0xd8]), exif, Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00])]);
  const scan = Buffer.allocUnsafe(bytes - head.length - 2);
  const words = new Uint32Array(scan.buffer, scan.byteOffset, Math.floor(scan.length / 4));
  for (let i = 0; i < words.length; i++) words[i] = (random() * 4294967296) >>> 0;
  // Entropy-coded data never holds 0xFF unstuffed: turned into 0xFE, no byte can start a marker.
  for (let i = 0; i < scan.length; i++) if (scan[i] === 0xff) scan[i] = 0xfe;
  return Buffer.concat([head, scan, Buffer.from([0xff, 0xd9])]);
}

/** Writes ~`mib` MiB of evidence into `dir` and the Casebook at `dataDir`: files, hard links in its store, rows. */
function writeEvidence(dir: string, dataDir: string, mib: number): number {
  mkdirSync(dir, { recursive: true });
  const db = openDb(join(dataDir, 'casebook.db'));
  const store = new EvidenceStore(join(dataDir, 'evidence'));
  const random = mulberry32(mib);
  let written = 0;
  let files = 0;
  try {
    const now = new Date().toISOString();
    while (written < mib * MIB) {
      // 1 to 7 MiB, as phone photos are.
      const bytes = jpegLike(Math.min(MIB + Math.floor(random() * 6 * MIB), mib * MIB - written + 1024), random);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const path = join(dir, `photo-${String(files).padStart(5, '0')}.jpg`);
      const fd = openSync(path, 'w');
      writeSync(fd, bytes);
      fsyncSync(fd);
      closeSync(fd);
      mkdirSync(join(store.dir, sha256.slice(0, 2)), { recursive: true });
      linkSync(path, store.pathOf(sha256));
      db.insert(evidence).values({ sha256, size: bytes.length, mediaType: 'image/jpeg', originalName: `photo-${files}.jpg`, protected: false, createdAt: now, updatedAt: now }).run();
      written += bytes.length;
      files++;
    }
  } finally {
    db.$client.close();
  }
  return files;
}

/** Runs `command`, polling its peak resident memory (VmHWM) until it exits; seconds and MB. */
function timed(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<{ seconds: number; peakMb: number }> {
  const started = performance.now();
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      peakKb = Math.max(peakKb, Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0));
    } catch {
      // The process has just exited.
    }
  }, 20);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      clearInterval(poll);
      if (code !== 0) reject(new BenchFailure(`${command} ${args.join(' ')} exited with ${code}: ${stderr.slice(-500)}`));
      else resolve({ seconds: (performance.now() - started) / 1000, peakMb: peakKb / 1024 });
    });
  });
}

type Contender = 'zip' | 'internal' | 'public';
interface Run {
  readonly seconds: number;
  readonly peakMb: number;
}
const ROUNDS = 3;

/** The compiled `npm run export -- bundle`, into a file removed afterwards. */
async function exportBundle(root: string, dataDir: string, profile: 'internal' | 'public', mib: number): Promise<Run> {
  const out = join(root, `${profile}.zip`);
  const run = await timed(process.execPath, [exportScript, 'bundle', '--profile', profile, '--out', out], { env: { ...process.env, CASEBOOK_DATA_DIR: dataDir, NODE_ENV: 'production' } });
  const size = statSync(out).size;
  rmSync(out);
  if (size < mib * MIB * 0.9) throw new BenchFailure(`the ${profile} bundle holds ${size} bytes, less than the evidence`);
  return run;
}

async function measureSize(session: Session, mib: number): Promise<Row[]> {
  const root = join(session.dataDir, `bundle-${mib}`);
  const dataDir = join(root, 'casebook');
  mkdirSync(dataDir, { recursive: true });
  console.log(`bundle: writing ${mib} MiB of JPEG-like evidence`);
  const files = writeEvidence(join(root, 'photos'), dataDir, mib);
  console.log(`  ${files} files`);
  const figure = `bundle ${mib} MiB`;
  const contenders: Record<Contender, () => Promise<Run>> = {
    zip: async () => {
      const out = join(root, 'baseline.zip');
      const run = await timed('zip', ['-q', '-r', '-6', '-n', '.jpg', out, 'photos'], { cwd: root });
      rmSync(out);
      return run;
    },
    internal: () => exportBundle(root, dataDir, 'internal', mib),
    public: () => exportBundle(root, dataDir, 'public', mib),
  };
  const runs: Record<Contender, Run[]> = { zip: [], internal: [], public: [] };
  const names = Object.keys(contenders) as Contender[];
  // Each contender ROUNDS times, the order turned each round, so a slow minute of the machine
  // weighs on all alike rather than on whichever ran then; the median of each is compared.
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of [...names.slice(round % names.length), ...names.slice(0, round % names.length)]) {
      console.log(`bundle: round ${round + 1}/${ROUNDS}, ${name === 'zip' ? 'zip -r -6 -n .jpg over the same files (baseline)' : `npm run export -- bundle --profile ${name}`}`);
      const run = await contenders[name]();
      console.log(`  ${run.seconds.toFixed(2)} s, peak RSS ${Math.round(run.peakMb)} MB`);
      runs[name].push(run);
    }
  }
  const median = (name: Contender) => [...runs[name]].map((run) => run.seconds).sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
  const peak = (name: Contender) => Math.max(...runs[name].map((run) => run.peakMb));
  const rows: Row[] = [];
  for (const profile of ['internal', 'public'] as const) {
    const note = profile === 'internal' ? 'files as stored; baseline: zip -r -6 -n .jpg; median of 3; goal ≤ 1.0' : 'each image stripped as it is read; baseline: zip; median of 3; goal ≤ 1.0';
    rows.push({ figure, metric: `${profile} s`, value: median(profile), baseline: median('zip'), ratio: median(profile) / median('zip'), note });
    rows.push({ figure, metric: `${profile} peak RSS MB`, value: peak(profile), baseline: peak('zip'), note: 'highest of 3; baseline: zip; goal < 200 MB' });
  }
  rmSync(root, { recursive: true, force: true });
  return rows;
}

export const bundleFigure: Figure = {
  name: 'bundle',
  description: 'export bundles over 0.5 and 2 GB of evidence (internal and public) beside zip -r -6 -n .jpg, and their peak memory',
  async run(session) {
    const rows: Row[] = [];
    for (const mib of session.options.bundleMb) rows.push(...(await measureSize(session, mib)));
    return rows;
  },
};
