/**
 * The evidence files of a bundle, per profile (DESIGN.md, "Who may see what"): internal carries
 * every item as stored (safe copies too: the raw graph lists them); partner the originals not
 * flagged protected, as stored; public only metadata-stripped copies of those (the stored safe
 * copy, or one stripped here in memory and never written to the store) and withholds what cannot
 * be stripped. A file is named by the SHA-256 of the bytes in the bag, so no name a person gave
 * it (which may hold a protected name) reaches a path.
 *
 * Each file carried is a custody event of its item, recorded once its bytes are in the archive:
 * a bundle cut short records only what left.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { evidenceToExport, evidenceToExportTotals, safeCopiesOf } from '../../../db/queries/evidence.js';
import type { Evidence } from '../../../db/schema.js';
import type { BagFile, BagPart } from '../../../exports/bundle.js';
import { extensionOf, OPAQUE } from '../../evidence/media-type.js';
import { ReadingThread, type ReadFile } from '../../evidence/reading-thread.js';
import { assertUnaltered, CHUNK_BYTES, type EvidenceStore } from '../../evidence/store.js';
import { CannotStripError, stripMetadata, type CopyPieces } from '../../evidence/strip.js';
import { clearanceOf, type ExportProfile, type Viewer } from '../../viewer.js';
import { recordEvent } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { everyRecord } from './records.js';

type Sent = 'original' | 'safe-copy' | 'stripped-copy';

// Custody events are written in batches: one transaction (one fsync) per item would cost more
// than carrying a small image.
const CUSTODY_BATCH = 256;

// An original to strip is read while the one before it is carried, unless it is larger than this:
// then two would be held at once.
const READ_AHEAD_BYTES = 16 * 1024 * 1024;

export interface BundleEvidenceOptions {
  /** The main connection: custody events are written there. */
  readonly ctx: ServiceContext;
  /** The export's read snapshot: which items, and which safe copies, are read there. */
  readonly reading: ServiceContext;
  readonly requester: Viewer;
  readonly profile: ExportProfile;
  readonly store: EvidenceStore;
  /** The bag's name, for the custody events. */
  readonly bundle: string;
  /** The items of the selection's closure; null for every item. */
  readonly within: ReadonlySet<number> | null;
}

export class BundleEvidence {
  /** Files carried as metadata-stripped copies, and items withheld because none can be made. */
  readonly counts = { strippedCopies: 0, withheldUnstrippable: 0 };
  private readonly which: 'every-item' | 'unprotected-originals';
  private readonly stripped: boolean;
  /** Items stripped here: the SHA-256 of their copy, which no row holds (about 100 bytes an item, for the graph's lines). */
  private readonly strippedHere = new Map<number, string>();
  private pending: { item: Evidence; path: string; sha256: string; sent: Sent }[] = [];

  constructor(private readonly options: BundleEvidenceOptions) {
    this.which = options.profile === 'internal' ? 'every-item' : 'unprotected-originals';
    this.stripped = !clearanceOf({ kind: 'export', profile: options.profile }).captureDetails;
  }

  /** The most this part carries: its items and their stored bytes. */
  totals(): { items: number; bytes: number } {
    return evidenceToExportTotals(this.options.reading.db, this.which, this.options.within);
  }

  readonly part: BagPart = () => this.files();

  /**
   * Where an item's file is in the bag, or null if it was withheld. Known once this part has
   * been written: for graph lines that follow it.
   */
  fileOf(item: { id: number; sha256: string; mediaType: string; safeCopy: { sha256: string } | null }): string | null {
    if (!this.stripped) return pathOf(item.sha256, item.mediaType);
    const sha256 = item.safeCopy?.sha256 ?? this.strippedHere.get(item.id);
    return sha256 ? pathOf(sha256, item.mediaType) : null;
  }

  private async *files(): AsyncGenerator<BagFile> {
    const { reading, store, within } = this.options;
    const withCopies = (page: { afterId?: number; limit: number }) => {
      const items = evidenceToExport(reading.db, this.which, page);
      const copies = this.stripped ? safeCopiesOf(reading.db, items.map((item) => item.id)) : new Map<number, Evidence>();
      return items.map((item) => ({ id: item.id, item, safeCopy: copies.get(item.id) }));
    };
    const reader = new ReadingThread((sha256) => store.pathOf(sha256));
    const entries = everyRecord(withCopies);
    /** The next item to carry, its original already being read if it is to be stripped here (and not too large to hold twice). */
    const next = (): { item: Evidence; safeCopy: Evidence | undefined; original: Promise<ReadFile> | undefined } | undefined => {
      for (let entry = entries.next(); !entry.done; entry = entries.next()) {
        const { item, safeCopy } = entry.value;
        if (within && !within.has(item.id)) continue;
        const original = this.stripped && !safeCopy && item.mediaType !== OPAQUE && item.size <= READ_AHEAD_BYTES ? reader.read(item.sha256) : undefined;
        // Awaited when its turn comes; a bundle cut short before then must not leave it unhandled.
        original?.catch(() => undefined);
        return { item, safeCopy, original };
      }
      return undefined;
    };
    try {
      for (let upcoming = next(); upcoming; ) {
        const { item, safeCopy, original } = upcoming;
        upcoming = next();
        if (!this.stripped) {
          yield this.stored(item, item.sha256, 'original');
          continue;
        }
        if (safeCopy) {
          this.counts.strippedCopies++;
          yield this.stored(item, safeCopy.sha256, 'safe-copy');
          continue;
        }
        const read = item.mediaType === OPAQUE ? undefined : await (original ?? reader.read(item.sha256));
        const pieces = read && stripped(read, item);
        if (!pieces) {
          if (read) reader.giveBack(read.chunks);
          this.counts.withheldUnstrippable++;
          continue;
        }
        const hash = createHash('sha256');
        for (const piece of pieces) hash.update(piece);
        const sha256 = hash.digest('hex');
        this.strippedHere.set(item.id, sha256);
        this.counts.strippedCopies++;
        const path = pathOf(sha256, item.mediaType);
        yield { path, open: () => Readable.from(copiedOut(pieces, () => reader.giveBack(read.chunks))), sha256, compress: false, written: () => this.carried(item, path, sha256, 'stripped-copy') };
      }
    } finally {
      await reader.close();
    }
  }

  /** A file as the store holds it, checked against the name it is stored under as it streams. */
  private stored(item: Evidence, sha256: string, sent: Sent): BagFile {
    const path = pathOf(sha256, item.mediaType);
    return {
      path,
      open: () => this.options.store.open(sha256),
      compress: false,
      written: (file) => {
        assertUnaltered(sha256, file.sha256, item.id);
        this.carried(item, path, sha256, sent);
      },
    };
  }

  private carried(item: Evidence, path: string, sha256: string, sent: Sent): void {
    this.pending.push({ item, path, sha256, sent });
    if (this.pending.length >= CUSTODY_BATCH) this.flush();
  }

  /** Records the custody events of the files carried so far. Call it when the bundle ends, however it ends. */
  flush(): void {
    const { ctx, requester, profile, bundle } = this.options;
    const events = this.pending.splice(0);
    if (events.length === 0) return;
    ctx.db.transaction(() => {
      for (const { item, path, sha256, sent } of events) {
        recordEvent(ctx, requester, { action: 'export', kind: 'evidence', id: item.id, details: { bundle, profile, file: path, sha256, sent } });
      }
    });
  }
}

const pathOf = (sha256: string, mediaType: string) => `data/evidence/${sha256}.${extensionOf(mediaType)}`;

/**
 * The pieces, copied into fresh blocks of CHUNK_BYTES as the archive takes them, then `done()`.
 * The buffers an original is read into live through its reading, stripping and hashing, long
 * enough for V8 to move them to the old generation, which only a full GC frees: fresh ones for
 * every file cost a full GC every 20 MB or so, and a heap that grew with the bundle. So they are
 * reused, handed back to the reading thread, and what leaves for the archive are copies: views of
 * them could still be queued in a stream downstream when they are handed back (which empties
 * them here) and read into again. The copies die young, and are all of one size, which malloc
 * reuses without fragmenting.
 */
function* copiedOut(pieces: CopyPieces, done: () => void): Generator<Buffer> {
  try {
    let block: Buffer | undefined;
    let filled = 0;
    for (const piece of pieces) {
      for (let offset = 0; offset < piece.length; ) {
        block ??= Buffer.allocUnsafeSlow(CHUNK_BYTES);
        const n = piece.copy(block, filled, offset);
        filled += n;
        offset += n;
        if (filled === CHUNK_BYTES) {
          yield block;
          block = undefined;
          filled = 0;
        }
      }
    }
    if (block) yield block.subarray(0, filled);
  } finally {
    done();
  }
}

/** The item's bytes without metadata, or undefined when no safe copy can be made of them. */
function stripped(original: ReadFile, item: Evidence): CopyPieces | undefined {
  assertUnaltered(item.sha256, original.sha256, item.id);
  try {
    return stripMetadata(original.chunks, item.mediaType);
  } catch (error) {
    if (error instanceof CannotStripError) return undefined;
    throw error;
  }
}
