/**
 * `npm run export -- bundle [--profile <p>] [--where <query>] [--out <file.zip>]`: the export bundle (a BagIt bag
 * in a ZIP: data, graph, evidence, verify.html) written to a file or to stdout, with a progress
 * bar on stderr. The file appears under its name only once complete.
 */
import { SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import { rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../../server/config.js';
import { EvidenceStore } from '../../server/evidence/store.js';
import { supportsDirectWrites, syncDirectory, writeNewFile } from '../../server/files/new-file.js';
import type { ServiceContext } from '../../server/services/context.js';
import { openBundle } from '../../server/services/exports/bundle.js';
import { exportProfiles, type ExportProfile, type Viewer } from '../../server/viewer.js';
import { parseWhere, whereOption } from './where.js';

type WithDb = (work: (ctx: ServiceContext, config: Config) => Promise<void>) => Promise<void>;

const MB = 1024 * 1024;

/** Adds the bundle subcommand to `npm run export`, acting as `viewer`. */
export function addBundleCommand(program: Command, options: { withDb: WithDb; viewer: Viewer }): void {
  program
    .command('bundle')
    .description('one ZIP holding a BagIt bag of the report, every CSV, the GeoJSON, the graph and the evidence the profile may carry (of a selection: what its incidents reach), with verify.html')
    .addOption(new Option('--profile <profile>', 'who the bundle is for: internal, partner or public').choices(exportProfiles).default('public'))
    .addOption(whereOption())
    .option('--out <file>', 'write the ZIP to this file instead of stdout')
    .action((flags: { profile: ExportProfile; where?: string; out?: string }) =>
      options.withDb(async (ctx, config) => {
        const selection = parseWhere(flags.where);
        if (!flags.out && process.stdout.isTTY) throw new Error('A bundle is a ZIP file: name it with --out, or send stdout to a file.');
        const bar = new SingleBar({ format: '  bundle {bar} {value}/{total} files, {mb} MB', noTTYOutput: true, notTTYSchedule: 2000, stream: process.stderr });
        let bytes = 0;
        let files = 0;
        const bundle = await openBundle({ ...ctx, store: new EvidenceStore(config.evidenceDir) }, options.viewer, {
          profile: flags.profile,
          selection,
          onFile: (file) => {
            bytes += file.size;
            bar.update(++files, { mb: (bytes / MB).toFixed(1) });
          },
        });
        bar.start(bundle.planned.files, 0, { mb: '0.0' });
        const partial = flags.out && `${flags.out}.part`;
        try {
          if (partial) {
            // Synced before it takes its name: a bundle under its name is a whole one, even after a power cut.
            await rm(partial, { force: true });
            await writeNewFile(partial, bundle.stream, { direct: supportsDirectWrites(dirname(partial)) });
            await rename(partial, flags.out!);
            await syncDirectory(dirname(flags.out!));
          } else {
            await pipeline(bundle.stream, process.stdout);
          }
          // Withheld items never come: the bar ends at what was written.
          bar.setTotal(files);
          bar.update(files);
        } catch (error) {
          if (partial) await rm(partial, { force: true });
          throw error;
        } finally {
          bar.stop();
          bundle.close();
        }
        process.stderr.write(`${bundle.name}.zip: ${files} payload files, ${(bytes / MB).toFixed(1)} MB of payload\n`);
      }),
    );
}
