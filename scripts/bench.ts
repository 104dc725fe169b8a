/**
 * `npm run bench [-- <figure>...]`: performance figures, each printed beside a baseline measured
 * in the same run, because absolute numbers from different machines cannot be compared. Nothing
 * here asserts a timing; a run fails only when a measurement could not be trusted.
 */
import { Command, InvalidArgumentError } from 'commander';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BenchFailure, type BenchOptions, type Figure, type Session } from './bench/figure.js';
import { bundleFigure } from './bench/bundle.js';
import { evidenceUpload } from './bench/evidence-upload.js';
import { incidentList } from './bench/incident-list.js';
import { loadFigure } from './bench/load.js';
import { printTable, type Row } from './bench/report.js';
import { searchFigure } from './bench/search.js';
import { sourcedReport } from './bench/sourced-report.js';

const FIGURES: readonly Figure[] = [incidentList, evidenceUpload, searchFigure, loadFigure, bundleFigure, sourcedReport];

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new InvalidArgumentError('must be a positive integer');
  return value;
}

function positiveIntegers(text: string): number[] {
  return text.split(',').map((part) => positiveInteger(part.trim()));
}

function positiveNumber(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new InvalidArgumentError('must be a positive number');
  return value;
}

function findFigure(name: string): Figure | undefined {
  return FIGURES.find((figure) => figure.name === name);
}

/** Creates the data directory and the cleanup stack; `close` empties the stack, newest first. */
function openSession(options: BenchOptions, keep: string | undefined) {
  const cleanups: (() => void)[] = [];
  let dataDir: string;
  if (keep) {
    dataDir = resolve(keep);
    mkdirSync(dataDir, { recursive: true });
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'casebook-bench-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  }
  const session: Session = { options, dataDir, defer: (cleanup) => void cleanups.push(cleanup) };
  const close = () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        cleanup();
      } catch (error) {
        console.error(`bench: cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  return { session, close };
}

interface CliOptions extends BenchOptions {
  readonly keep?: string;
}

const program = new Command('bench')
  .description('Measures Casebook figures, each beside a baseline from the same run.')
  .argument('[figures...]', `figures to run (${FIGURES.map((f) => `${f.name}: ${f.description}`).join('; ')}); all when none is named`)
  .option('--size <n>', 'incidents to generate (list: 100000, search: 1000000, load: 20000, report: 10000)', positiveInteger)
  .option('--duration <s>', 'seconds per measurement, after a 2 s warm-up (load: 60)', positiveNumber, 10)
  .option('--connections <n>', 'concurrent HTTP connections (load: 50)', positiveInteger, 10)
  .option('--evidence-mb <n>', 'size of the file the evidence figure uploads, in MiB', positiveInteger, 1024)
  .option('--bundle-mb <n,...>', 'evidence in each bundle the bundle figure builds, in MiB', positiveIntegers, [512, 2048])
  .option('--keep <dir>', 'write the data into <dir> and keep it, instead of a temporary directory')
  .action(async (names: string[], cli: CliOptions) => {
    const unknown = names.filter((name) => !findFigure(name));
    if (unknown.length > 0) program.error(`error: unknown figure ${unknown.join(', ')}; known: ${FIGURES.map((f) => f.name).join(', ')}`);
    const figures = names.length > 0 ? names.map((name) => findFigure(name)!) : FIGURES;
    const { keep, ...options } = cli;
    console.log('bench: building (npm run build)');
    const build = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) program.error('error: npm run build failed');
    const { session, close } = openSession(options, keep);
    const interrupt = (signal: NodeJS.Signals) => {
      console.error(`\nbench: ${signal}, stopping servers${keep ? '' : ' and removing data'}`);
      close();
      process.exit(130);
    };
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);

    const rows: Row[] = [];
    try {
      for (const figure of figures) {
        // A figure's own default (load: 60 s, 50 connections) applies unless the option was given.
        const given = (option: string) => program.getOptionValueSource(option) === 'cli';
        const options = {
          ...session.options,
          ...(!given('duration') && figure.defaults?.duration ? { duration: figure.defaults.duration } : {}),
          ...(!given('connections') && figure.defaults?.connections ? { connections: figure.defaults.connections } : {}),
        };
        rows.push(...(await figure.run({ ...session, options })));
      }
      console.log('');
      printTable(rows);
      if (keep) console.log(`\ndata kept in ${session.dataDir}`);
    } catch (error) {
      console.error(`bench failed: ${error instanceof BenchFailure ? error.message : (error as Error).stack ?? String(error)}`);
      process.exitCode = 1;
    } finally {
      close();
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
    }
  });

await program.parseAsync();
