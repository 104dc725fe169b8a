/**
 * Stored files read and hashed on a thread of their own, ahead of the thread that uses them. A
 * public bundle strips each original it carries: it reads the file, hashes it (to check that it is
 * unaltered), strips it, hashes the copy (to name it) and writes the copy. Done in turn on one
 * thread, the reading waited on the disk and the two hashes ran back to back while the machine's
 * other core sat mostly idle. Here the next file is read and checked while this one is stripped.
 *
 * Chunks cross between the threads by transfer, not by copy: handed over with their file, and
 * handed back (giveBack) once what was made of them has been carried, for the thread to read the
 * next files into. Kept on this side instead, buffers that came and went cost this thread a
 * garbage collection every few files.
 */
import { Worker } from 'node:worker_threads';
import { OrderedWorker } from '../ordered-worker.js';
import { CHUNK_BYTES } from './store.js';

/** A stored file as read: its bytes in chunks of at most CHUNK_BYTES, and their SHA-256. */
export interface ReadFile {
  readonly chunks: Buffer[];
  readonly sha256: string;
}

type Answer = { chunks: { buffer: ArrayBuffer; length: number }[]; sha256: string } | { error: string; code?: string };

// Evaluated as CommonJS (with none of this process's flags, such as --input-type=module), so that
// it needs no file beside this module's, run from source or built.
// Reads block only this thread. It keeps the buffers handed back, up to two files of the size a
// bundle reads ahead: a buffer it dropped would be freed only at its own garbage collection,
// which a thread that makes so little garbage seldom runs.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { closeSync, fstatSync, openSync, readSync } = require('node:fs');
const { createHash } = require('node:crypto');
const spare = [];
parentPort.on('message', (message) => {
  if (message.giveBack) {
    for (const buffer of message.giveBack) if (spare.length < workerData.spareBuffers) spare.push(buffer);
    return;
  }
  let fd;
  try {
    fd = openSync(message.path, 'r');
    const size = fstatSync(fd).size;
    const hash = createHash('sha256');
    const chunks = [];
    for (let position = 0; position < size; ) {
      const buffer = spare.pop() ?? new ArrayBuffer(workerData.chunkBytes);
      const length = readSync(fd, new Uint8Array(buffer), 0, Math.min(workerData.chunkBytes, size - position), position);
      if (length === 0) {
        spare.push(buffer);
        break;
      }
      hash.update(new Uint8Array(buffer, 0, length));
      chunks.push({ buffer, length });
      position += length;
    }
    parentPort.postMessage({ chunks, sha256: hash.digest('hex') }, chunks.map((chunk) => chunk.buffer));
  } catch (error) {
    parentPort.postMessage({ error: error.message, code: error.code });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
});
`;

/** The most a bundle holds at once: the file being carried and the one read ahead, 16 MiB each. */
const SPARE_BUFFERS = 32;

// Its buffers are outside its heap, which holds little more than its code: V8's default sizes let
// it grow by some 8 MB a bundle never needed.
const THREAD_HEAP = { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 };

export class ReadingThread {
  private thread: OrderedWorker<ReadFile, Answer> | undefined;

  /** `pathOf`: where the stored file of a SHA-256 is (EvidenceStore.pathOf). */
  constructor(private readonly pathOf: (sha256: string) => string) {}

  /**
   * The stored file `sha256`, read to the size it has when its turn comes (a file that changes
   * meanwhile is caught by its hash), and the SHA-256 of what was read. Files are read in the
   * order asked for.
   */
  read(sha256: string): Promise<ReadFile> {
    if (!this.thread || this.thread.failed) this.thread = start();
    return this.thread.ask({ path: this.pathOf(sha256) });
  }

  /** Hands a read file's chunks back, to be read into again. It empties them: nothing may use them after. */
  giveBack(chunks: readonly Buffer[]): void {
    const buffers = chunks.map((chunk) => chunk.buffer as ArrayBuffer);
    this.thread?.tell({ giveBack: buffers }, buffers);
  }

  /** Stops the thread; a read still waiting is refused. The next read starts another. */
  async close(): Promise<void> {
    await this.thread?.close();
  }
}

function start(): OrderedWorker<ReadFile, Answer> {
  const workerData = { chunkBytes: CHUNK_BYTES, spareBuffers: SPARE_BUFFERS };
  return new OrderedWorker(new Worker(THREAD, { eval: true, execArgv: [], workerData, resourceLimits: THREAD_HEAP }), {
    answer: (answer) => {
      if ('error' in answer) throw Object.assign(new Error(answer.error), { code: answer.code });
      return { chunks: answer.chunks.map(({ buffer, length }) => Buffer.from(buffer, 0, length)), sha256: answer.sha256 };
    },
    stopped: (code) => new Error(`The thread reading evidence files stopped (exit code ${code}) before it gave every file asked of it.`),
    aliveOnlyWhileAsked: true,
  });
}
