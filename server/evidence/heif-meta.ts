/**
 * Reading the meta box of a HEIF file (ISO/IEC 23008-12): which items there are, where their data
 * lies, how they refer to each other and which properties they carry. Everything else in the box
 * is skipped unread, so the writer can only ever copy what is listed here.
 */
import { Cursor, damaged, printable, readBoxes, type Box } from './isobmff.js';
import { CannotStripError } from './strip-error.js';

const ALPHA_TYPES = new Set(['urn:mpeg:mpegB:cicp:systems:auxiliary:alpha', 'urn:mpeg:hevc:2015:auxid:1']);

export interface Item {
  readonly id: number;
  readonly type: string;
  readonly flags: number;
  readonly protectionIndex: number;
}

export interface Extent {
  readonly offset: number;
  readonly length: number;
}

export interface Location {
  readonly method: number;
  readonly dataReference: number;
  readonly base: number;
  readonly extents: Extent[];
}

export interface Reference {
  readonly type: string;
  readonly from: number;
  readonly to: number[];
}

export interface Association {
  readonly essential: boolean;
  readonly index: number;
}

export interface Meta {
  primary?: number;
  handler?: string;
  items: Map<number, Item>;
  locations: Map<number, Location>;
  references: Reference[];
  properties: Box[];
  associations: Map<number, Association[]>;
  idat?: Box;
}

export function readMeta(bytes: Buffer, metaBox: Box): Meta {
  const meta: Meta = { items: new Map(), locations: new Map(), references: [], properties: [], associations: new Map() };
  const seen = new Set<string>();
  for (const child of readBoxes(bytes, metaBox.body + 4, metaBox.end)) {
    const reader = new Cursor(bytes, child.body, child.end, printable(child.type));
    if (['hdlr', 'pitm', 'iloc', 'iinf', 'iref', 'iprp', 'idat'].includes(child.type)) {
      if (seen.has(child.type)) throw new CannotStripError(`the HEIC has two ${child.type} boxes`);
      seen.add(child.type);
    }
    if (child.type === 'hdlr') {
      reader.u32();
      reader.u32();
      meta.handler = reader.fourcc();
    } else if (child.type === 'pitm') {
      meta.primary = reader.versionAndFlags().version === 0 ? reader.u16() : reader.u32();
    } else if (child.type === 'iloc') {
      readLocations(reader, meta.locations);
    } else if (child.type === 'iinf') {
      readItems(bytes, reader, child, meta.items);
    } else if (child.type === 'iref') {
      readReferences(bytes, reader, child, meta.references);
    } else if (child.type === 'iprp') {
      readProperties(bytes, child, meta);
    } else if (child.type === 'idat') {
      meta.idat = child;
    }
  }
  if (meta.handler !== 'pict') throw new CannotStripError('the HEIC\'s metadata box does not describe pictures');
  if (meta.primary === undefined) throw new CannotStripError('the HEIC names no primary image');
  return meta;
}

function readLocations(reader: Cursor, locations: Map<number, Location>): void {
  const { version } = reader.versionAndFlags();
  if (version > 2) throw new CannotStripError(`the HEIC's item locations use an unknown version ${version}`);
  const sizes = reader.u16();
  const [offsetSize, lengthSize, baseSize, indexSize] = [sizes >> 12, (sizes >> 8) & 15, (sizes >> 4) & 15, version > 0 ? sizes & 15 : 0];
  // An item of unstated length runs to the end of the file: nothing a safe copy can vouch for.
  // Requiring a length field also means every extent read consumes bytes, so the loops below end.
  if (![offsetSize, baseSize, indexSize].every((size) => size === 0 || size === 4 || size === 8) || (lengthSize !== 4 && lengthSize !== 8)) {
    throw new CannotStripError('the HEIC\'s item locations use field sizes this copy cannot vouch for');
  }
  const count = version < 2 ? reader.u16() : reader.u32();
  for (let i = 0; i < count; i++) {
    const id = version < 2 ? reader.u16() : reader.u32();
    const method = version > 0 ? reader.u16() & 15 : 0;
    const dataReference = reader.u16();
    const base = reader.uint(baseSize);
    const extents: Extent[] = [];
    for (let extentCount = reader.u16(); extents.length < extentCount; ) {
      reader.uint(indexSize);
      extents.push({ offset: reader.uint(offsetSize), length: reader.uint(lengthSize) });
    }
    if (locations.has(id)) throw new CannotStripError(`the HEIC locates item ${id} twice`);
    locations.set(id, { method, dataReference, base, extents });
  }
}

function readItems(bytes: Buffer, reader: Cursor, iinf: Box, items: Map<number, Item>): void {
  if (reader.versionAndFlags().version === 0) reader.u16();
  else reader.u32();
  // The entry count is not trusted: the boxes that are there are the entries.
  for (const entry of readBoxes(bytes, reader.at, iinf.end)) {
    if (entry.type !== 'infe') continue;
    const e = new Cursor(bytes, entry.body, entry.end, 'infe');
    const { version, flags } = e.versionAndFlags();
    if (version < 2) throw new CannotStripError('the HEIC uses an old item information format');
    const id = version === 2 ? e.u16() : e.u32();
    const protectionIndex = e.u16();
    const type = e.fourcc();
    if (items.has(id)) throw new CannotStripError(`the HEIC describes item ${id} twice`);
    items.set(id, { id, type, flags, protectionIndex });
  }
}

function readReferences(bytes: Buffer, reader: Cursor, iref: Box, references: Reference[]): void {
  const wide = reader.versionAndFlags().version !== 0;
  for (const found of readBoxes(bytes, reader.at, iref.end)) {
    const r = new Cursor(bytes, found.body, found.end, 'iref');
    const id = () => (wide ? r.u32() : r.u16());
    const from = id();
    const to: number[] = [];
    for (let count = r.u16(); to.length < count; ) to.push(id());
    references.push({ type: found.type, from, to });
  }
}

function readProperties(bytes: Buffer, iprp: Box, meta: Meta): void {
  for (const child of readBoxes(bytes, iprp.body, iprp.end)) {
    if (child.type === 'ipco') {
      if (meta.properties.length > 0) throw new CannotStripError('the HEIC has two property containers');
      for (const property of readBoxes(bytes, child.body, child.end)) meta.properties.push(property);
    } else if (child.type === 'ipma') {
      const r = new Cursor(bytes, child.body, child.end, 'ipma');
      const { version, flags } = r.versionAndFlags();
      for (let count = r.u32(), i = 0; i < count; i++) {
        const id = version < 1 ? r.u16() : r.u32();
        const list = meta.associations.get(id) ?? [];
        for (let n = r.u8(), j = 0; j < n; j++) {
          const value = flags & 1 ? r.u16() : r.u8();
          const high = flags & 1 ? 0x8000 : 0x80;
          list.push({ essential: (value & high) !== 0, index: value & (high - 1) });
        }
        meta.associations.set(id, list);
      }
    }
  }
}

export function propertiesOf(meta: Meta, id: number): { property: Box; association: Association }[] {
  const out = [];
  for (const association of meta.associations.get(id) ?? []) {
    if (association.index === 0) continue;
    const property = meta.properties[association.index - 1];
    if (!property) throw damaged(`item ${id} names a property that does not exist`);
    out.push({ property, association });
  }
  return out;
}

export function isAlpha(bytes: Buffer, meta: Meta, id: number): boolean {
  return propertiesOf(meta, id).some(({ property }) => {
    if (property.type !== 'auxC') return false;
    const r = new Cursor(bytes, property.body, property.end, 'auxC');
    r.versionAndFlags();
    return ALPHA_TYPES.has(r.cstring());
  });
}
