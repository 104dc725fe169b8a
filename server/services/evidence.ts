/**
 * Evidence: files held as received, by SHA-256, with their capture metadata, hints and chain of
 * custody. Every handling of an item (upload, download, link, safe copy) is a custody event in
 * the audit trail, written in the same transaction as the change it records.
 */
import type { Readable } from 'node:stream';
import { evidence, incidents, type Evidence } from '../../db/schema.js';
import { evidenceBySha256, evidenceFiles, findEvidence, linkedIncidents, linkIncidents, safeCopiesOf, safeCopyOf, type EvidenceFilter } from '../../db/queries/evidence.js';
import { getRow, insertRow, updateRow } from '../../db/queries/rows.js';
import { AppError, ValidationError } from '../errors.js';
import { contradicts, detectMediaType } from '../evidence/media-type.js';
import { readCaptureMetadata } from '../evidence/metadata.js';
import { assertUnaltered, EvidenceStore, TooLargeError, type Received } from '../evidence/store.js';
import { CannotStripError, stripMetadata, type CopyPieces } from '../evidence/strip.js';
import type { EvidenceUpdate, EvidenceUploadFields } from '../schemas/evidence.js';
import { clearanceOf, type Viewer } from '../viewer.js';
import { listAuditEntries, recordChange, recordEvent } from './audit.js';
import { assertReferencesExist, notFound, timestamp, type ServiceContext } from './context.js';
import { protect } from './protection.js';
import { evidenceView } from '../views/evidence.js';
import type { FreeSpace } from './free-space.js';

export interface EvidenceContext extends ServiceContext {
  readonly store: EvidenceStore;
  readonly maxUploadBytes: number;
  readonly freeSpace: FreeSpace;
}

export interface Upload extends EvidenceUploadFields {
  readonly fileName: string;
  /** The media type the client claimed, checked against the bytes. */
  readonly declaredType?: string;
}

/** Streams an upload to a temporary file. Refuses past the maximum (413) or an empty file (400), leaving nothing. */
export async function receiveUpload(ctx: EvidenceContext, source: Readable): Promise<Received> {
  let received: Received;
  try {
    received = await ctx.store.receive(source, ctx.maxUploadBytes);
  } catch (error) {
    if (error instanceof TooLargeError) {
      throw new AppError(413, 'payload-too-large', 'File too large', `Evidence files may be at most ${ctx.maxUploadBytes} bytes.`);
    }
    throw error;
  }
  if (received.size === 0) {
    await ctx.store.discard(received);
    throw new ValidationError([{ path: 'file', message: 'the file is empty (0 bytes)' }]);
  }
  return received;
}

/**
 * Stores a received file: the same bytes twice are one item (200 and a custody event), new bytes
 * are renamed into place and recorded in one transaction. The temporary file never outlives this call.
 */
export async function storeUpload(ctx: EvidenceContext, viewer: Viewer, received: Received, upload: Upload) {
  try {
    const mediaType = detectMediaType(received.head);
    if (contradicts(upload.declaredType, mediaType)) {
      throw new AppError(415, 'media-type-mismatch', 'Content does not match its type', `The file was sent as ${upload.declaredType} but its bytes are not that kind of image.`);
    }
    assertReferencesExist(ctx, upload.incident.map((incidentId, index) => ({ path: `incident.${index}`, table: incidents, id: incidentId, noun: 'incident' })));
    const existing = evidenceBySha256(ctx.db, received.sha256);
    const metadata = existing ? undefined : await readCaptureMetadata(received.tempPath, mediaType);
    const placed = existing ? false : await ctx.store.commit(received);
    try {
      // The check and the insert share one synchronous transaction, so of two concurrent uploads
      // of the same new bytes, one creates the item and the other finds it.
      const outcome = ctx.db.transaction(() => {
        const stored = evidenceBySha256(ctx.db, received.sha256);
        if (stored) {
          recordEvent(ctx, viewer, { action: 'upload-duplicate', kind: 'evidence', id: stored.id, details: { fileName: upload.fileName } });
          if (upload.incident.length > 0) linkWithCustody(ctx, viewer, stored.id, upload.incident);
          return { created: false, id: stored.id };
        }
        const id = recordChange(ctx, viewer, { kind: 'evidence', action: 'upload' }, () => {
          const now = timestamp(ctx);
          const row = insertRow(ctx.db, evidence, {
            sha256: received.sha256,
            size: received.size,
            mediaType,
            originalName: upload.fileName,
            description: upload.description,
            protected: upload.protected,
            ...metadata!,
            createdAt: now,
            updatedAt: now,
          });
          linkIncidents(ctx.db, row.id, upload.incident);
          return row.id;
        });
        return { created: true, id };
      });
      return { created: outcome.created, item: getEvidence(ctx, viewer, outcome.id) };
    } catch (error) {
      if (placed && !evidenceBySha256(ctx.db, received.sha256)) await ctx.store.remove(received.sha256);
      throw error;
    }
  } finally {
    await ctx.store.discard(received);
  }
}

function linkWithCustody(ctx: ServiceContext, viewer: Viewer, id: number, incidentIds: readonly number[]): void {
  recordChange(ctx, viewer, { kind: 'evidence', action: 'link', id }, () => {
    linkIncidents(ctx.db, id, incidentIds);
    return id;
  });
}

/** An item this viewer may know of: protected items do not exist for viewers not cleared for names. */
function visibleItem(ctx: ServiceContext, viewer: Viewer, id: number): Evidence {
  const row = getRow(ctx.db, evidence, id);
  if (!row || (row.protected && !clearanceOf(viewer).protectedNames)) throw notFound('evidence item', id);
  return row;
}

function viewAll(ctx: ServiceContext, viewer: Viewer, rows: Evidence[]) {
  const ids = rows.map((row) => row.id);
  const links = linkedIncidents(ctx.db, ids);
  const copies = safeCopiesOf(ctx.db, ids);
  return rows.map((row) => evidenceView(viewer, row, { incidents: links.get(row.id) ?? [], safeCopy: copies.get(row.id) }));
}

export function listEvidence(ctx: ServiceContext, viewer: Viewer, filter: EvidenceFilter, page: { afterId?: number; limit: number }) {
  return protect(ctx, viewer, viewAll(ctx, viewer, findEvidence(ctx.db, clearanceOf(viewer), filter, page)));
}

export function getEvidence(ctx: ServiceContext, viewer: Viewer, id: number) {
  return protect(ctx, viewer, viewAll(ctx, viewer, [visibleItem(ctx, viewer, id)])[0]!);
}

export function updateEvidence(ctx: ServiceContext, viewer: Viewer, id: number, input: EvidenceUpdate) {
  const { linkIncidents: toLink, ...fields } = input;
  ctx.db.transaction(() => {
    visibleItem(ctx, viewer, id);
    assertReferencesExist(ctx, (toLink ?? []).map((incidentId, index) => ({ path: `linkIncidents.${index}`, table: incidents, id: incidentId, noun: 'incident' })));
    if (Object.keys(fields).length > 0) {
      recordChange(ctx, viewer, { kind: 'evidence', action: 'update', id }, () => {
        updateRow(ctx.db, evidence, id, { ...fields, updatedAt: timestamp(ctx) });
        return id;
      });
    }
    if (toLink?.length) linkWithCustody(ctx, viewer, id, toLink);
  });
  return getEvidence(ctx, viewer, id);
}

/** The metadata-stripped copy of an item, made and stored on first need, itself an evidence item. */
export async function safeCopy(ctx: EvidenceContext, viewer: Viewer, id: number): Promise<Evidence> {
  const original = visibleItem(ctx, viewer, id);
  if (original.derivedFromId !== null) return original;
  const existing = safeCopyOf(ctx.db, id);
  if (existing) return existing;
  let stripped: CopyPieces;
  try {
    const read = await ctx.store.read(original.sha256);
    // A copy of altered bytes would enter the record as derived from this item.
    assertUnaltered(original.sha256, read.sha256, original.id);
    stripped = stripMetadata(read.chunks, original.mediaType);
  } catch (error) {
    if (error instanceof CannotStripError) {
      throw new AppError(409, 'no-safe-copy', 'No safe copy possible', `No metadata-free copy can be made of this file: ${error.message}.`);
    }
    throw error;
  }
  const received = await ctx.store.receivePieces(stripped);
  // Nothing to strip, or a copy someone already stored: the existing item is the safe copy.
  const same = evidenceBySha256(ctx.db, received.sha256);
  if (same) {
    await ctx.store.discard(received);
    return same;
  }
  try {
    const placed = await ctx.store.commit(received);
    try {
      const copyId = recordChange(ctx, viewer, { kind: 'evidence', action: 'derive' }, () => {
        const now = timestamp(ctx);
        return insertRow(ctx.db, evidence, {
          sha256: received.sha256,
          size: received.size,
          mediaType: original.mediaType,
          originalName: original.originalName,
          description: `Metadata-stripped copy of evidence ${original.id}`,
          protected: original.protected,
          width: original.width,
          height: original.height,
          derivedFromId: original.id,
          derivation: 'metadata-stripped',
          createdAt: now,
          updatedAt: now,
        }).id;
      });
      return getRow(ctx.db, evidence, copyId)!;
    } catch (error) {
      if (placed) await ctx.store.remove(received.sha256);
      throw error;
    }
  } finally {
    await ctx.store.discard(received);
  }
}

/**
 * The file to send this viewer, recorded as a custody event: the original for viewers cleared
 * for capture details, the metadata-stripped copy for everyone else.
 */
export async function fileForDownload(ctx: EvidenceContext, viewer: Viewer, id: number, reason: string | undefined) {
  const item = visibleItem(ctx, viewer, id);
  const sent = clearanceOf(viewer).captureDetails ? item : await safeCopy(ctx, viewer, id);
  const action = sent.id === item.id && item.derivedFromId === null ? 'download-original' : 'download-safe-copy';
  recordEvent(ctx, viewer, { action, kind: 'evidence', id: sent.id, details: { reason: reason ?? null, requested: id } });
  return { item: sent, stream: ctx.store.open(sent.sha256) };
}

export function custodyOf(ctx: ServiceContext, viewer: Viewer, id: number, page: { afterId?: number; limit: number }) {
  visibleItem(ctx, viewer, id);
  return listAuditEntries(ctx, { recordKind: 'evidence', recordId: id }, page);
}

/**
 * At start: sets aside evidence files no record names. A process killed after an upload's rename
 * and before its row committed (or during an import, which copies files before its one
 * transaction) leaves such a file; that upload was never acknowledged, so nothing refers to it.
 * Run it only while no other process writes to this data folder. Returns the paths moved.
 */
export function setAsideUnreferencedEvidence(ctx: ServiceContext, store: EvidenceStore): string[] {
  const known = new Set(evidenceFiles(ctx.db).map((file) => file.sha256));
  const moved: string[] = [];
  for (const file of [...store.storedFiles()]) {
    if (!known.has(file.sha256)) moved.push(store.setAside(file.sha256));
  }
  return moved;
}
