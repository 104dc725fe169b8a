/**
 * `npm run export -- <what>`: exports from the command line, acting as an admin, each kind a
 * subcommand that writes to stdout (messages and progress go to stderr). Every export is audited.
 *
 * Under npm, use `npm run -s export …`: without -s npm prints its own banner on stdout too (the
 * import skips that banner, other readers may not).
 *
 * Only the commands are declared here; each one's work (scripts/export/) is imported when it runs,
 * so that `--help` and a refused argument load none of Casebook's modules, and a CSV or GeoJSON
 * export not the report's nor the bundle's.
 */
import { Command, Option } from 'commander';
import { dataKinds } from '../server/services/exports/data-kinds.js';
import { exportProfiles } from '../server/viewer.js';
import type { BundleFlags } from './export/bundle.js';
import type { DataFlags } from './export/data.js';
import type { ReportFlags } from './export/report.js';

const profileOption = (whom: string) => new Option('--profile <profile>', `who the ${whom} is for: internal, partner or public`).choices(exportProfiles);

const whereOption = () =>
  new Option('--where <query>', "which incidents, as the API's query string: act, location, person, organisation, date, corroboration, disputed, q, incident");

const program = new Command('export').description('Export from Casebook (acts as an admin; every export is audited).');

program
  .command('graph')
  .description('the whole database as a Casebook graph (NDJSON, every protected name included) on stdout, for npm run import')
  .action(async () => (await import('./export/graph.js')).runGraph());

program
  .command('csv')
  .description(`CSV per record kind (${dataKinds.join(', ')}), or all of them into --out`)
  .argument('<kind>', `a record kind, or all`)
  .addOption(profileOption('export').makeOptionMandatory())
  .addOption(whereOption())
  .option('--out <dir>', 'write <kind>.csv (and withheld.json) into this folder instead of stdout')
  .action(async (kind: string, flags: DataFlags) => (await import('./export/data.js')).runCsv(kind, flags));

program
  .command('geojson')
  .description('GeoJSON (RFC 7946) of incidents at their places, its withheld receipt inside')
  .addOption(profileOption('export').makeOptionMandatory())
  .addOption(whereOption())
  .option('--out <file>', 'write to this file instead of stdout')
  .action(async (flags: DataFlags) => (await import('./export/data.js')).runGeojson(flags));

program
  .command('report')
  .description('the sourced report over a selection, as printable HTML or Markdown')
  .addOption(profileOption('report').makeOptionMandatory())
  .addOption(whereOption())
  .addOption(new Option('--format <format>', 'html or md').choices(['html', 'md']).default('html'))
  .option('--title <title>', 'the title on its first page', 'Casebook report')
  .option('--out <file>', 'write to this file instead of stdout')
  .action(async (flags: ReportFlags) => (await import('./export/report.js')).runReport(flags));

program
  .command('bundle')
  .description('one ZIP holding a BagIt bag of the report, every CSV, the GeoJSON, the graph and the evidence the profile may carry (of a selection: what its incidents reach), with verify.html')
  .addOption(profileOption('bundle').default('public'))
  .addOption(whereOption())
  .option('--out <file>', 'write the ZIP to this file instead of stdout')
  .action(async (flags: BundleFlags) => (await import('./export/bundle.js')).runBundle(flags));

try {
  await program.parseAsync();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
