/**
 * `npm run export -- csv <kind|all> --profile <p> [--where <query>] [--out <dir>]` and `geojson
 * --profile <p> [--where <query>] [--out <file>]`: the data exports of server/services/exports, written to files or stdout, with
 * a progress bar on stderr. A non-internal export's withheld receipt goes to `withheld.json`
 * beside the files (or to stderr when writing to stdout); the GeoJSON carries it inside too.
 */
import { SingleBar } from 'cli-progress';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { csvFile, dataKinds, geojsonText, openDataExport, type DataExport, type DataKind, type ExportPart } from '../../server/services/exports/data.js';
import type { ExportProfile } from '../../server/viewer.js';
import { parseWhere } from './where.js';
import { commandLine, withDb } from './with-db.js';

export interface DataFlags {
  readonly profile: ExportProfile;
  readonly where?: string;
  readonly out?: string;
}

function progressBar(label: string, total: number) {
  const bar = new SingleBar({ format: `  ${label} {bar} {value}/{total}`, noTTYOutput: true, notTTYSchedule: 2000, stream: process.stderr });
  bar.start(total, 0);
  return bar;
}

/** The export with its records counted on a progress bar as the writer pulls them. */
function counted(data: DataExport, part: ExportPart): { data: DataExport; stop: () => void } {
  const bar = progressBar(part.padEnd(17), data.storedRows(part));
  let done = 0;
  function* tick<T>(items: Generator<T>): Generator<T> {
    for (const item of items) {
      yield item;
      if (++done % 500 === 0) bar.update(done);
    }
  }
  return {
    data: { ...data, records: (kind) => tick(data.records(kind)), features: () => tick(data.features()) },
    // Rows the profile left out never come: the bar ends at what was written.
    stop: () => {
      bar.setTotal(done);
      bar.update(done);
      bar.stop();
    },
  };
}

function refuseTerminal(profile: ExportProfile): void {
  if (profile !== 'public' && process.stdout.isTTY) throw new Error(`A ${profile} export holds data the public may not see; send it to a file (--out), not the terminal.`);
}

function writeReceipt(data: DataExport, dir: string | undefined): void {
  if (!data.withheld) return;
  const text = `${JSON.stringify({ profile: data.profile, withheld: data.withheld }, null, 2)}\n`;
  if (dir) writeFileSync(join(dir, 'withheld.json'), text);
  else process.stderr.write(`withheld: ${text}`);
}

async function writeCsv(data: DataExport, kind: DataKind, out: Writable): Promise<void> {
  const progress = counted(data, kind);
  try {
    await pipeline(csvFile(progress.data, kind), out);
  } finally {
    progress.stop();
  }
}

/** Writes the CSV of one kind (or of all into a folder), acting as the command line's admin. */
export function runCsv(kind: string, flags: DataFlags): Promise<void> {
  return withDb(async (ctx) => {
    const kinds = kind === 'all' ? [...dataKinds] : dataKinds.filter((k) => k === kind);
    if (kinds.length === 0) throw new Error(`There is no record kind "${kind}"; give one of ${dataKinds.join(', ')}, or all.`);
    if (kinds.length > 1 && !flags.out) throw new Error('csv all writes one file per kind: name a folder with --out.');
    const selection = parseWhere(flags.where);
    if (!flags.out) refuseTerminal(flags.profile);
    const data = await openDataExport(ctx, commandLine, { profile: flags.profile, parts: kinds, selection });
    try {
      if (flags.out) mkdirSync(flags.out, { recursive: true });
      for (const k of kinds) await writeCsv(data, k, flags.out ? createWriteStream(join(flags.out, `${k}.csv`)) : process.stdout);
      writeReceipt(data, flags.out);
    } finally {
      data.close();
    }
  });
}

/** Writes the GeoJSON, acting as the command line's admin. */
export function runGeojson(flags: DataFlags): Promise<void> {
  return withDb(async (ctx) => {
    const selection = parseWhere(flags.where);
    if (!flags.out) refuseTerminal(flags.profile);
    const data = await openDataExport(ctx, commandLine, { profile: flags.profile, parts: ['geojson'], selection });
    const progress = counted(data, 'geojson');
    try {
      await pipeline(Readable.from(geojsonText(progress.data)), flags.out ? createWriteStream(flags.out) : process.stdout);
    } finally {
      progress.stop();
      data.close();
    }
  });
}
