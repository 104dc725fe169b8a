/**
 * `npm run export -- bundle [--profile <p>] [--where <query>] [--out <file.zip>]`: the export bundle (a BagIt bag
 * in a ZIP: data, graph, evidence, verify.html) written to a file or to stdout, with a progress
 * bar on stderr. The file appears under its name only once complete.
 */
import { SingleBar } from 'cli-progress';
import { rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { EvidenceStore } from '../../server/evidence/store.js';
import { supportsDirectWrites, syncDirectory, writeNewFile } from '../../server/files/new-file.js';
import { openBundle } from '../../server/services/exports/bundle.js';
import type { ExportProfile } from '../../server/viewer.js';
import { parseWhere } from './where.js';
import { commandLine, withDb } from './with-db.js';

export interface BundleFlags {
  readonly profile: ExportProfile;
  readonly where?: string;
  readonly out?: string;
}

const MB = 1024 * 1024;

/** Writes the bundle, acting as the command line's admin. */
export function runBundle(flags: BundleFlags): Promise<void> {
  return withDb(async (ctx, config) => {
    const selection = parseWhere(flags.where);
    if (!flags.out && process.stdout.isTTY) throw new Error('A bundle is a ZIP file: name it with --out, or send stdout to a file.');
    const bar = new SingleBar({ format: '  bundle {bar} {value}/{total} files, {mb} MB', noTTYOutput: true, notTTYSchedule: 2000, stream: process.stderr });
    let bytes = 0;
    let files = 0;
    const bundle = await openBundle({ ...ctx, store: new EvidenceStore(config.evidenceDir) }, commandLine, {
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
  });
}
