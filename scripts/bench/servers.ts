import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BenchFailure, type Session } from './figure.js';

export interface ChildServer {
  readonly url: string;
  readonly pid: number;
  /** Peak resident memory so far, in MB (Linux VmHWM); undefined where /proc is missing. */
  peakRssMb(): number | undefined;
  /** Stops the server and waits for the process to be gone. */
  stop(): Promise<void>;
}

// The servers run the compiled build (`npm run build`, which bench.ts runs first), as `npm start`
// does: what is measured is what runs, without a TypeScript loader's time and memory.
const serveScript = fileURLToPath(new URL('../../dist/bench-serve.js', import.meta.url));
const STARTUP_TIMEOUT_MS = 60_000;

function peakRssMb(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts `serve.ts <args>` as a child process and resolves once it prints its port. The child is
 * registered with the session, so it is killed on error and on Ctrl-C as well.
 */
export function startServer(session: Session, args: readonly string[]): Promise<ChildServer> {
  const child = spawn(process.execPath, [serveScript, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  session.defer(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };

  return new Promise<ChildServer>((resolve, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new BenchFailure(`bench server (${args.join(' ')}) ${why}`));
    };
    const timer = setTimeout(() => fail(`did not report a port within ${STARTUP_TIMEOUT_MS / 1000} s`), STARTUP_TIMEOUT_MS);
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`exited before listening (${signal ?? `code ${code}`})`));
    createInterface({ input: child.stdout }).once('line', (line) => {
      let port: unknown;
      try {
        port = (JSON.parse(line) as { port?: unknown }).port;
      } catch {
        // reported below
      }
      if (typeof port !== 'number') return fail(`printed ${JSON.stringify(line)} instead of {"port": n}`);
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${port}`, pid: child.pid!, peakRssMb: () => peakRssMb(child.pid!), stop });
    });
  });
}
