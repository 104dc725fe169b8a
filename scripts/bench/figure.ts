import type { Row } from './report.js';

export interface BenchOptions {
  /** Incidents to generate; each figure has its own default. */
  readonly size?: number;
  /** Seconds per measurement, after the warm-up. */
  readonly duration: number;
  readonly connections: number;
  /** Size of the evidence file uploaded by the `evidence` figure, in MiB. */
  readonly evidenceMb: number;
  /** Evidence in each bundle the `bundle` figure builds, in MiB. */
  readonly bundleMb: readonly number[];
}

/** What a figure gets from the bench run: its options, a data directory and a cleanup hook. */
export interface Session {
  readonly options: BenchOptions;
  /** Removed at the end of the run unless the user asked to keep it. */
  readonly dataDir: string;
  /** Registers a synchronous cleanup, run in reverse order at the end, on error and on Ctrl-C. */
  defer(cleanup: () => void): void;
}

/** One named measurement; each lives in its own module under scripts/bench/. */
export interface Figure {
  readonly name: string;
  readonly description: string;
  /** Used instead of the command line's defaults when the option was not given. */
  readonly defaults?: Partial<Pick<BenchOptions, 'duration' | 'connections'>>;
  run(session: Session): Promise<Row[]>;
}

/** A measurement that cannot be trusted (a failed request, a server that did not start): exit 1. */
export class BenchFailure extends Error {}
