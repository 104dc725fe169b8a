/** A byte-counting progress bar on stderr (none for nothing to do); off a terminal it prints a line every few seconds instead. */
import { SingleBar } from 'cli-progress';

export interface Progress {
  start(label: string, totalBytes: number): void;
  add(bytes: number): void;
  stop(): void;
  /** A stage with no bar of its own. */
  note(line: string): void;
}

const mib = (bytes: number) => (bytes / 1024 ** 2).toFixed(1);

export function progressBar(): Progress {
  let bar: SingleBar | undefined;
  let done = 0;
  let total = 0;
  return {
    start(label, totalBytes) {
      bar?.stop();
      done = 0;
      total = totalBytes;
      if (total === 0) return;
      bar = new SingleBar({ format: `  ${label} {bar} {percentage}% | {done}/{all} MiB`, noTTYOutput: true, notTTYSchedule: 2000, stream: process.stderr });
      bar.start(total, 0, { done: mib(0), all: mib(total) });
    },
    add(bytes) {
      done += bytes;
      bar?.update(Math.min(done, total), { done: mib(done), all: mib(total) });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
    note(line) {
      process.stderr.write(`  ${line}\n`);
    },
  };
}
