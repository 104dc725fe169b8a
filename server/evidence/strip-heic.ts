/**
 * HEIC safe copies: a new HEIF file holding the primary image and only what decoding it needs
 * (its grid tiles or other input images, and an alpha plane), with the coded data copied byte for
 * byte. Exif and XMP items, thumbnails, depth maps, HDR gain maps, other images, entity groups,
 * image sequences (moov), uuid and XML boxes, and every item property not on the list below are
 * left out.
 *
 * Why rebuild rather than overwrite the metadata payloads in place: an overwritten file still
 * declares an Exif item, an XMP item and a thumbnail, with their sizes, and a thumbnail whose
 * coded data is zeros is a broken image that viewers still try to decode and show. A rebuilt file
 * declares only the image, so a reader finds no metadata to misread, and it is an allow-list:
 * what we do not know (creation-time or user-description properties, vendor boxes) is not copied,
 * rather than passed through because nobody thought of it. The price is rewriting iloc, which is
 * done from scratch with every offset computed here, never patched.
 *
 * Left as it is: the coded image data itself. An HEVC stream can carry SEI messages (an encoder's
 * settings, say); changing them would change the image data, which a safe copy never does.
 */
import { isAlpha, propertiesOf, readMeta, type Association, type Extent, type Item, type Meta } from './heif-meta.js';
import { box, damaged, fullBox, printable, readBoxes, u16, u32, u8, uint, type Box } from './isobmff.js';
import { CannotStripError } from './strip-error.js';

/** Image item types whose data is a coded image or a plain description of how tiles are laid out. */
const IMAGE_ITEM_TYPES = new Set(['hvc1', 'av01', 'grid', 'iovl', 'iden']);

/** Item properties that say how to decode and show the pixels; any other is dropped, or refused if essential. */
const KEPT_PROPERTIES = new Set(['hvcC', 'av1C', 'ispe', 'colr', 'pixi', 'rloc', 'auxC', 'irot', 'imir', 'clap', 'pasp', 'lsel', 'a1op', 'a1lx', 'clli', 'mdcv', 'cclv', 'amve']);

export function stripHeic(bytes: Buffer): Buffer {
  const top = readBoxes(bytes, 0, bytes.length);
  const ftyp = top.next().value;
  if (!ftyp || ftyp.type !== 'ftyp') throw new CannotStripError('not a HEIF file');
  let metaBox: Box | undefined;
  for (const found of top) {
    if (found.type !== 'meta') continue;
    if (metaBox) throw new CannotStripError('the HEIC has two meta boxes');
    metaBox = found;
  }
  if (!metaBox) throw new CannotStripError('the HEIC holds no still image (an image sequence only)');
  const meta = readMeta(bytes, metaBox);
  const kept = keptItems(bytes, meta);
  return writeHeic(bytes, bytes.subarray(ftyp.start, ftyp.end), meta, kept);
}

/**
 * The primary image, the images it is derived from (a grid's tiles), and alpha planes of any of
 * those, in id order. A worklist, so a long chain of references costs one pass, not one per link.
 */
function keptItems(bytes: Buffer, meta: Meta): number[] {
  const inputsOf = new Map<number, number[]>();
  const auxiliariesOf = new Map<number, number[]>();
  const note = (map: Map<number, number[]>, key: number, ids: number[]) => {
    const list = map.get(key);
    if (list) for (const id of ids) list.push(id);
    else map.set(key, [...ids]);
  };
  for (const ref of meta.references) {
    if (ref.type === 'dimg') note(inputsOf, ref.from, ref.to);
    if (ref.type === 'auxl') for (const to of ref.to) note(auxiliariesOf, to, [ref.from]);
  }
  const kept = new Set<number>([meta.primary!]);
  const queue = [meta.primary!];
  const add = (id: number) => {
    if (kept.has(id)) return;
    kept.add(id);
    queue.push(id);
  };
  while (queue.length > 0) {
    const id = queue.pop()!;
    (inputsOf.get(id) ?? []).forEach(add);
    (auxiliariesOf.get(id) ?? []).filter((aux) => isAlpha(bytes, meta, aux)).forEach(add);
  }
  for (const id of kept) {
    const item = meta.items.get(id);
    if (!item) throw damaged(`the image item ${id} is not described`);
    if (item.protectionIndex !== 0) throw new CannotStripError('the HEIC\'s image is encrypted');
    if (!IMAGE_ITEM_TYPES.has(item.type)) throw new CannotStripError(`the HEIC's image is stored as ${printable(item.type)} items, which have no safe copy yet`);
  }
  return [...kept].sort((a, b) => a - b);
}

interface PlacedItem {
  readonly item: Item;
  readonly method: number;
  /** Offsets relative to the start of the new mdat's data (method 0) or the new idat's (method 1). */
  readonly extents: Extent[];
}

/** Copies the kept items' data, extent by extent, into a new mdat and idat; refuses what it cannot vouch for. */
function placeData(bytes: Buffer, meta: Meta, kept: number[]) {
  const mdat: Buffer[] = [];
  const idat: Buffer[] = [];
  let mdatLength = 0;
  let idatLength = 0;
  const items: PlacedItem[] = kept.map((id) => {
    const item = meta.items.get(id)!;
    const location = meta.locations.get(id) ?? (item.type === 'iden' ? { method: 0, dataReference: 0, base: 0, extents: [] } : undefined);
    if (!location) throw damaged(`the image item ${id} has no location`);
    if (location.dataReference !== 0) throw new CannotStripError('the HEIC\'s image data lives in another file');
    if (location.method > 1) throw new CannotStripError('the HEIC builds its image from references to other items, which has no safe copy yet');
    const extents = location.extents.map(({ offset, length }) => {
      if (length === 0) throw new CannotStripError('the HEIC has image data of unstated length');
      if (location.method === 0) {
        const from = location.base + offset;
        if (from + length > bytes.length) throw damaged(`the data of item ${id} lies past the end of the file`);
        mdat.push(bytes.subarray(from, from + length));
        mdatLength += length;
        return { offset: mdatLength - length, length };
      }
      const from = (meta.idat?.body ?? 0) + location.base + offset;
      if (!meta.idat || from + length > meta.idat.end) throw damaged(`the data of item ${id} lies past the end of its idat box`);
      idat.push(bytes.subarray(from, from + length));
      idatLength += length;
      return { offset: idatLength - length, length };
    });
    // Extents may overlap; a hostile file could otherwise make us copy its largest item many times over.
    if (mdatLength + idatLength > bytes.length) throw new CannotStripError('the HEIC names more image data than it holds');
    return { item, method: location.method, extents };
  });
  return { items, mdat, mdatLength, idat, idatLength };
}

function writeHeic(bytes: Buffer, ftyp: Buffer, meta: Meta, kept: number[]): Buffer {
  const data = placeData(bytes, meta, kept);
  const wide = kept.some((id) => id > 0xffff);
  const id = (value: number) => (wide ? u32(value) : u16(value));
  const lengthSize = data.items.some((placed) => placed.extents.some((extent) => extent.length > 0xffff_ffff)) ? 8 : 4;
  const keptSet = new Set(kept);

  const infes = data.items.map(({ item }) => fullBox('infe', item.id > 0xffff ? 3 : 2, item.flags, item.id > 0xffff ? u32(item.id) : u16(item.id), u16(0), Buffer.from(item.type, 'latin1'), u8(0)));
  const references = meta.references
    .filter((ref) => keptSet.has(ref.from))
    .map((ref) => ({ ...ref, to: ref.to.filter((to) => keptSet.has(to)) }))
    .filter((ref) => ref.to.length > 0)
    .map((ref) => box(ref.type, id(ref.from), u16(ref.to.length), ...ref.to.map(id)));

  const properties: Box[] = [];
  const newIndex = new Map<number, number>();
  const associations = data.items.map(({ item }) => {
    const list: Association[] = [];
    for (const { property, association } of propertiesOf(meta, item.id)) {
      if (!KEPT_PROPERTIES.has(property.type)) {
        if (association.essential) throw new CannotStripError(`the HEIC's image needs a ${printable(property.type)} property this copy cannot vouch for`);
        continue;
      }
      if (!newIndex.has(association.index)) newIndex.set(association.index, properties.push(property));
      list.push({ essential: association.essential, index: newIndex.get(association.index)! });
    }
    return { id: item.id, list };
  });
  const largeIndex = properties.length > 0x7f;
  const ipma = fullBox(
    'ipma',
    wide ? 1 : 0,
    largeIndex ? 1 : 0,
    u32(associations.length),
    ...associations.flatMap(({ id: itemId, list }) => [
      id(itemId),
      u8(list.length),
      ...list.map(({ essential, index }) => (largeIndex ? u16((essential ? 0x8000 : 0) | index) : u8((essential ? 0x80 : 0) | index))),
    ]),
  );
  const iprp = box('iprp', box('ipco', ...properties.map((property) => bytes.subarray(property.start, property.end))), ipma);

  const metaFor = (mdatStart: number, offsetSize: 4 | 8) =>
    fullBox(
      'meta',
      0,
      0,
      fullBox('hdlr', 0, 0, u32(0), Buffer.from('pict'), Buffer.alloc(12), u8(0)),
      fullBox('pitm', wide ? 1 : 0, 0, id(meta.primary!)),
      fullBox(
        'iloc',
        wide ? 2 : 1,
        0,
        u16((offsetSize << 12) | (lengthSize << 8)),
        wide ? u32(data.items.length) : u16(data.items.length),
        ...data.items.flatMap(({ item, method, extents }) => [
          id(item.id),
          u16(method),
          u16(0),
          u16(extents.length),
          ...extents.flatMap((extent) => [uint(offsetSize, (method === 0 ? mdatStart : 0) + extent.offset), uint(lengthSize, extent.length)]),
        ]),
      ),
      fullBox('iinf', infes.length > 0xffff ? 1 : 0, 0, infes.length > 0xffff ? u32(infes.length) : u16(infes.length), ...infes),
      ...(references.length > 0 ? [fullBox('iref', wide ? 1 : 0, 0, ...references)] : []),
      iprp,
      ...(data.idat.length > 0 ? [box('idat', ...data.idat)] : []),
    );

  const mdatHeader = data.mdatLength + 8 > 0xffff_ffff ? Buffer.concat([u32(1), Buffer.from('mdat'), uint(8, data.mdatLength + 16)]) : Buffer.concat([u32(data.mdatLength + 8), Buffer.from('mdat')]);
  // Every field has a fixed width, so the meta box's size does not depend on the offsets it holds.
  const offsetSize = ftyp.length + metaFor(0, 4).length + mdatHeader.length + data.mdatLength > 0xffff_ffff ? 8 : 4;
  const metaBox = metaFor(ftyp.length + metaFor(0, offsetSize).length + mdatHeader.length, offsetSize);
  return Buffer.concat([ftyp, metaBox, mdatHeader, ...data.mdat]);
}
