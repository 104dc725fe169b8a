/**
 * `npm run export -- report --profile <p> [--where <query>] [--format html|md] [--title <t>]
 * [--out <file>]`: the sourced report over a selection. `--where` takes the API's query string
 * (`act=torture&date=2017-01&q=Argun&incident=3`), checked by the same schema.
 */
import { SingleBar } from 'cli-progress';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { reportHtml } from '../../exports/report-html.js';
import { reportMarkdown } from '../../exports/report-md.js';
import { buildReport } from '../../server/services/exports/report.js';
import type { ExportProfile } from '../../server/viewer.js';
import { parseWhere } from './where.js';
import { commandLine, withDb } from './with-db.js';

export interface ReportFlags {
  readonly profile: ExportProfile;
  readonly where?: string;
  readonly format: 'html' | 'md';
  readonly title: string;
  readonly out?: string;
}

/** Writes the report, acting as the command line's admin. */
export function runReport(flags: ReportFlags): Promise<void> {
  return withDb(async (ctx) => {
    const selection = parseWhere(flags.where);
    if (!flags.out && flags.profile !== 'public' && process.stdout.isTTY) {
      throw new Error(`A ${flags.profile} report holds what the public may not see; send it to a file (--out), not the terminal.`);
    }
    const bar = new SingleBar({ format: '  reading incidents {bar} {value}/{total}', noTTYOutput: true, notTTYSchedule: 2000, stream: process.stderr });
    let started = false;
    const report = await buildReport(ctx, commandLine, {
      profile: flags.profile,
      selection,
      title: flags.title,
      onIncidentRead: (done, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        if (done % 100 === 0 || done === total) bar.update(done);
      },
    });
    bar.stop();
    const chunks = flags.format === 'html' ? reportHtml(report) : reportMarkdown(report);
    await pipeline(Readable.from(chunks), flags.out ? createWriteStream(flags.out) : process.stdout);
    process.stderr.write(`report: ${report.incidents.length} incidents, ${report.footnotes.length} notes${flags.out ? `, written to ${flags.out}` : ''}\n`);
  });
}
