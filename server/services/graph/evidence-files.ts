/**
 * The files behind evidence lines. A graph names files by SHA-256 only; each must already be in
 * the evidence store or be found in a folder given with the import, from which it is copied
 * through the store (hashed while copied, fsynced, renamed into place) and checked against its
 * line. Files this import placed are removed again if the import fails.
 */
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TooLargeError, type EvidenceStore } from '../../evidence/store.js';
import type { GraphRecord } from '../../schemas/graph.js';

export class EvidenceFiles {
  /** SHA-256 of every file this import put into the store. */
  readonly placed: string[] = [];

  /** `<sha256>.<ext>` files in the source folder by their hash; read on first need. */
  private named: Map<string, string> | undefined;

  constructor(
    private readonly store: EvidenceStore,
    /**
     * A copy of an evidence folder (`<first two hex>/<sha256>`), or a flat folder of `<sha256>`
     * files or of `<sha256>.<ext>` files (an export bundle's data/evidence).
     */
    private readonly sourceDir?: string,
  ) {}

  private sizeAt(path: string): number | undefined {
    return statSync(path, { throwIfNoEntry: false })?.size;
  }

  private sourceOf(sha256: string): string | undefined {
    if (!this.sourceDir) return undefined;
    const exact = [join(this.sourceDir, sha256.slice(0, 2), sha256), join(this.sourceDir, sha256)].find((path) => this.sizeAt(path) !== undefined);
    if (exact) return exact;
    this.named ??= namedByHash(this.sourceDir);
    const name = this.named.get(sha256);
    return name === undefined ? undefined : join(this.sourceDir, name);
  }

  /**
   * Makes sure the item's file is in the store, copying it when `copy` is set (it is not once
   * the import is known to fail: then only its presence is checked). Returns the problem, if any.
   */
  async ensure(item: GraphRecord<'evidence'>, copy: boolean): Promise<string | undefined> {
    const storedSize = this.sizeAt(this.store.pathOf(item.sha256));
    if (storedSize !== undefined) {
      return storedSize === item.size ? undefined : `the evidence store holds this file with ${storedSize} bytes, not ${item.size}; run npm run verify`;
    }
    const source = this.sourceOf(item.sha256);
    if (!source) {
      return this.sourceDir
        ? 'the file is neither in the evidence store nor in the evidence folder given'
        : 'the file is not in the evidence store; give the folder holding it (npm run import -- <file> --evidence <folder>)';
    }
    if (!copy) return undefined;
    let received;
    try {
      received = await this.store.receive(createReadStream(source), item.size);
    } catch (error) {
      if (error instanceof TooLargeError) return `the file given for it is larger than its ${item.size} bytes`;
      throw error;
    }
    if (received.sha256 !== item.sha256 || received.size !== item.size) {
      await this.store.discard(received);
      return 'the file given for it does not have this SHA-256 and size: it is not the same file';
    }
    if (await this.store.commit(received)) this.placed.push(item.sha256);
    return undefined;
  }

  /** Removes the files this import placed; for an import that failed. */
  async removePlaced(): Promise<void> {
    for (const sha256 of this.placed.splice(0)) await this.store.remove(sha256);
  }
}

/** The extension is only a name: the bytes are still hashed against the evidence line when copied. */
function namedByHash(dir: string): Map<string, string> {
  const names = new Map<string, string>();
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    // A folder that is not there holds no files; each evidence line then says its file is missing.
    return names;
  }
  for (const entry of entries) {
    const match = /^([0-9a-f]{64})\.[A-Za-z0-9]{1,16}$/.exec(entry.name);
    if (match && entry.isFile() && !names.has(match[1]!)) names.set(match[1]!, entry.name);
  }
  return names;
}
