/**
 * The export bundle: one streamed ZIP holding a BagIt bag `casebook-<profile>-<YYYY-MM-DD>/`
 * with the data exports, the graph and the evidence of one read snapshot, so its manifests, data
 * and withheld receipt describe the same moment. The profile is applied while records are read
 * (openExportSnapshot); the writer in exports/bundle.ts only hashes and packs what it is given.
 *
 * Payload, in order (the parts list below; a part is one or more files):
 *   data/report.html, report.md  the sourced report over the selected incidents (report.ts)
 *   data/csv/<kind>.csv          every record kind, as GET /exports/csv/:kind writes it
 *   data/incidents.geojson       incidents at their places
 *   data/evidence/<sha256>.<ext> the files the profile may carry (bundle-evidence.ts)
 *   data/graph.ndjson            the raw graph (internal) or the redacted records (bundle-graph.ts)
 *   data/withheld.json           the withheld receipt, evidence included (not internal)
 */
import { Readable } from 'node:stream';
import type { TagFields } from '../../../exports/bagit.js';
import type { BagPart } from '../../../exports/bundle.js';
import { reportHtml } from '../../../exports/report-html.js';
import { reportMarkdown } from '../../../exports/report-md.js';
import { VERIFY_HTML } from '../../../exports/verify-page.js';
import type { EvidenceStore } from '../../evidence/store.js';
import type { SelectionQuery } from '../../schemas/exports.js';
import type { ExportProfile, Viewer } from '../../viewer.js';
import { timestamp, type ServiceContext } from '../context.js';
import { BundleEvidence } from './bundle-evidence.js';
import { graphPart } from './bundle-graph.js';
import { csvFile, dataKinds, geojsonText, openExportSnapshot, type DataExport, type WithheldReceipt } from './data.js';
import { reportOf } from './report.js';

export interface BundleContext extends ServiceContext {
  readonly store: EvidenceStore;
}

export interface Bundle {
  /** The bag's folder name, `casebook-<profile>-<YYYY-MM-DD>`; the ZIP is this plus `.zip`. */
  readonly name: string;
  /** The ZIP's bytes; read once. */
  readonly stream: Readable;
  /** The most the payload holds (files, and evidence bytes), for progress bars: withheld items make it less. */
  readonly planned: { readonly files: number; readonly evidenceBytes: number };
  /** Records the custody events of what was carried and ends the read snapshot. Call it when the stream ends, however it ends; safe to call twice. */
  close(): void;
}

export interface BundleOptions {
  readonly profile: ExportProfile;
  /** Which incidents; the bundle holds the records they reach (their closure). An empty one is the whole database. */
  readonly selection: SelectionQuery;
  /** Told after each payload file is in the archive. */
  readonly onFile?: (file: { path: string; size: number }) => void;
}

/** What the profile withheld, the evidence counts of this bundle included. */
function fullReceipt(data: DataExport, evidence: BundleEvidence): WithheldReceipt | null {
  if (!data.withheld) return null;
  const receipt = { ...data.withheld };
  if (data.profile === 'public') {
    receipt['evidence files carried only as metadata-stripped copies (no GPS, device, dates or thumbnails)'] = evidence.counts.strippedCopies;
    receipt['evidence files withheld: no metadata-free copy can be made'] = evidence.counts.withheldUnstrippable;
  }
  return receipt;
}

/**
 * Opens a bundle of a selection (or the whole database) with `profile` for `requester`: 403 for a
 * profile the requester may not use, 404 for a selection naming an unknown record. One audit
 * entry now (the export), one custody event per evidence file once it is in the archive. The
 * caller reads `stream` and must close() the bundle.
 */
export async function openBundle(ctx: BundleContext, requester: Viewer, options: BundleOptions): Promise<Bundle> {
  // The ZIP writer (archiver and its streams) adds some 19 MB to a process: loaded with the first
  // bundle rather than by every server at start.
  const { bagZip } = await import('../../../exports/bundle.js');
  const { profile, selection } = options;
  const parts = [...dataKinds, 'geojson', 'evidence'] as const;
  const { data, reading, auditHead } = await openExportSnapshot(ctx, requester, { profile, parts, selection, format: 'bundle' });
  try {
    const at = ctx.now();
    const exportedAt = timestamp(ctx);
    const name = `casebook-${profile}-${exportedAt.slice(0, 10)}`;
    const evidence = new BundleEvidence({ ctx, reading, requester, profile, store: ctx.store, bundle: name, within: data.closure?.evidence ?? null });
    const text = (path: string, body: () => Readable): BagPart => () => [{ path, open: body, compress: true }];
    // Read before any file is written: the report is held whole (its footnotes number across it).
    const report = await reportOf(reading, profile, { selection, title: 'Casebook report' });
    const payload: BagPart[] = [
      text('data/report.html', () => Readable.from(reportHtml(report))),
      text('data/report.md', () => Readable.from(reportMarkdown(report))),
      () => dataKinds.map((kind) => ({ path: `data/csv/${kind}.csv`, open: () => csvFile(data, kind), compress: true })),
      text('data/incidents.geojson', () => Readable.from(geojsonText(data))),
      evidence.part,
      graphPart({ data, reading, evidence, exportedAt }),
      ...(data.withheld ? [text('data/withheld.json', () => Readable.from([`${JSON.stringify({ profile, withheld: fullReceipt(data, evidence) }, null, 2)}\n`]))] : []),
    ];
    const bagInfo = (): TagFields => {
      const withheld = fullReceipt(data, evidence);
      return [
        ['Casebook-Profile', profile],
        ['Casebook-Selection', JSON.stringify(data.selection)],
        ['Casebook-Exported-At', exportedAt],
        ['Casebook-Audit-Head', auditHead],
        ...(withheld ? ([['Casebook-Withheld', JSON.stringify(withheld)]] as const) : []),
      ];
    };
    const observed = options.onFile ? payload.map((part) => observe(part, options.onFile!)) : payload;
    const stream = bagZip({ root: name, at, payload: observed, bagInfo, tagFiles: [{ path: 'verify.html', text: VERIFY_HTML }] });
    const totals = evidence.totals();
    let closed = false;
    return {
      name,
      stream,
      planned: { files: dataKinds.length + 4 + (data.withheld ? 1 : 0) + totals.items, evidenceBytes: totals.bytes },
      close() {
        if (closed) return;
        closed = true;
        try {
          evidence.flush();
        } finally {
          data.close();
        }
      },
    };
  } catch (error) {
    data.close();
    throw error;
  }
}

/** The part with `onFile` told after each of its files is written. */
function observe(part: BagPart, onFile: (file: { path: string; size: number }) => void): BagPart {
  return async function* () {
    for await (const file of part()) {
      yield {
        ...file,
        written: (written) => {
          file.written?.(written);
          onFile({ path: file.path, size: written.size });
        },
      };
    }
  };
}
