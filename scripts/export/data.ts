/**
 * `npm run export -- csv <kind|all> --profile <p> [--where <query>] [--out <dir>]` and `geojson
 * --profile <p> [--where <query>] [--out <file>]`: the data exports of server/services/exports, written to files or stdout, with
 * a progress bar on stderr. A non-internal export's withheld receipt goes to `withheld.json`
 * beside the files (or to stderr when writing to stdout); the GeoJSON carries it inside too.
 */
import { SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ServiceContext } from '../../server/services/context.js';
import { csvFile, dataKinds, geojsonText, openDataExport, type DataExport, type DataKind, type ExportPart } from '../../server/services/exports/data.js';
import { exportProfiles, type ExportProfile, type Viewer } from '../../server/viewer.js';
import { parseWhere, whereOption } from './where.js';

type WithDb = (work: (ctx: ServiceContext) => Promise<void>) => Promise<void>;

const profileOption = () => new Option('--profile <profile>', 'who the export is for: internal, partner or public').choices(exportProfiles).makeOptionMandatory();

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

/** Adds the csv and geojson subcommands to `npm run export`, acting as `viewer`. */
export function addDataCommands(program: Command, options: { withDb: WithDb; viewer: Viewer }): void {
  const { withDb, viewer } = options;
  program
    .command('csv')
    .description(`CSV per record kind (${dataKinds.join(', ')}), or all of them into --out`)
    .argument('<kind>', `a record kind, or all`)
    .addOption(profileOption())
    .addOption(whereOption())
    .option('--out <dir>', 'write <kind>.csv (and withheld.json) into this folder instead of stdout')
    .action((kind: string, flags: { profile: ExportProfile; where?: string; out?: string }) =>
      withDb(async (ctx) => {
        const kinds = kind === 'all' ? [...dataKinds] : dataKinds.filter((k) => k === kind);
        if (kinds.length === 0) throw new Error(`There is no record kind "${kind}"; give one of ${dataKinds.join(', ')}, or all.`);
        if (kinds.length > 1 && !flags.out) throw new Error('csv all writes one file per kind: name a folder with --out.');
        const selection = parseWhere(flags.where);
        if (!flags.out) refuseTerminal(flags.profile);
        const data = await openDataExport(ctx, viewer, { profile: flags.profile, parts: kinds, selection });
        try {
          if (flags.out) mkdirSync(flags.out, { recursive: true });
          for (const k of kinds) await writeCsv(data, k, flags.out ? createWriteStream(join(flags.out, `${k}.csv`)) : process.stdout);
          writeReceipt(data, flags.out);
        } finally {
          data.close();
        }
      }),
    );

  program
    .command('geojson')
    .description('GeoJSON (RFC 7946) of incidents at their places, its withheld receipt inside')
    .addOption(profileOption())
    .addOption(whereOption())
    .option('--out <file>', 'write to this file instead of stdout')
    .action((flags: { profile: ExportProfile; where?: string; out?: string }) =>
      withDb(async (ctx) => {
        const selection = parseWhere(flags.where);
        if (!flags.out) refuseTerminal(flags.profile);
        const data = await openDataExport(ctx, viewer, { profile: flags.profile, parts: ['geojson'], selection });
        const progress = counted(data, 'geojson');
        try {
          await pipeline(Readable.from(geojsonText(progress.data)), flags.out ? createWriteStream(flags.out) : process.stdout);
        } finally {
          progress.stop();
          data.close();
        }
      }),
    );
}
