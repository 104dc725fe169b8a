/**
 * HEIC safe copies: which items survive, and damaged files refused with CannotStripError, never a
 * crash or a hang. Besides the gps.heic fixture, small HEIF files are built here box by box to
 * reach what heif-enc does not write (alpha and depth planes, unknown properties, wide item ids).
 * Their "coded data" is marker text, not HEVC: the stripper never decodes it.
 */
import assert from 'node:assert/strict';
import { box, fullBox, u16, u32, u8 } from '../../server/evidence/isobmff.js';
import { CannotStripError } from '../../server/evidence/strip.js';
import { stripHeic } from '../../server/evidence/strip-heic.js';
import { assertRefusesOrCopes, withBytesChanged } from '../helpers/damage.js';
import { heifItems } from '../helpers/exiftool.js';
import { fixture } from '../helpers/files.js';

interface TestItem {
  id: number;
  type: string;
  data?: string;
  /** 1 stores the data in idat; 2 (item references) is refused. */
  method?: number;
  /** Overrides where iloc says the data is. */
  extent?: { offset: number; length: number };
  properties?: { box: Buffer; essential?: boolean }[];
}

interface TestFile {
  primary?: number;
  items: TestItem[];
  refs?: { type: string; from: number; to: number[] }[];
  extraMeta?: Buffer[];
}

const ispe = () => ({ box: fullBox('ispe', 0, 0, u32(64), u32(48)) });
const hvcC = () => ({ box: box('hvcC', Buffer.from('decoder configuration')), essential: true });
const auxC = (urn: string) => ({ box: fullBox('auxC', 0, 0, Buffer.from(`${urn}\0`)), essential: true });

/** A HEIF file laid out as ftyp, meta, mdat, with every offset computed here. */
function heif(file: TestFile): Buffer {
  const wide = file.items.some((item) => item.id > 0xffff);
  const id = (value: number) => (wide ? u32(value) : u16(value));
  const properties: Buffer[] = [];
  const associations = file.items.map((item) => ({ id: item.id, list: (item.properties ?? []).map((p) => ({ index: properties.push(p.box), essential: p.essential ?? false })) }));
  const mdat: Buffer[] = [];
  const idat: Buffer[] = [];
  let mdatLength = 0;
  let idatLength = 0;
  const located = file.items.filter((item) => item.data !== undefined).map((item) => {
    const data = Buffer.from(item.data!);
    const method = item.method ?? 0;
    const offset = method === 1 ? idatLength : mdatLength;
    if (method === 1) (idat.push(data), (idatLength += data.length));
    else (mdat.push(data), (mdatLength += data.length));
    return { item, method, offset, length: data.length };
  });
  const metaFor = (mdatStart: number) =>
    fullBox(
      'meta',
      0,
      0,
      fullBox('hdlr', 0, 0, u32(0), Buffer.from('pict'), Buffer.alloc(12), u8(0)),
      ...(file.primary === undefined ? [] : [fullBox('pitm', wide ? 1 : 0, 0, id(file.primary))]),
      fullBox('iloc', wide ? 2 : 1, 0, u16(0x4400), wide ? u32(located.length) : u16(located.length), ...located.flatMap(({ item, method, offset, length }) => [
        id(item.id), u16(method), u16(0), u16(1), u32(item.extent?.offset ?? (method === 0 ? mdatStart : 0) + offset), u32(item.extent?.length ?? length),
      ])),
      fullBox('iinf', 0, 0, u16(file.items.length), ...file.items.map((item) => fullBox('infe', item.id > 0xffff ? 3 : 2, 0, item.id > 0xffff ? u32(item.id) : u16(item.id), u16(0), Buffer.from(item.type, 'latin1'), Buffer.from('a name\0')))),
      fullBox('iref', wide ? 1 : 0, 0, ...(file.refs ?? []).map((ref) => box(ref.type, id(ref.from), u16(ref.to.length), ...ref.to.map(id)))),
      box('iprp', box('ipco', ...properties), fullBox('ipma', wide ? 1 : 0, 0, u32(associations.length), ...associations.flatMap((a) => [id(a.id), u8(a.list.length), ...a.list.map((p) => u8((p.essential ? 0x80 : 0) | p.index))]))),
      ...(idat.length > 0 ? [box('idat', ...idat)] : []),
      ...(file.extraMeta ?? []),
    );
  const ftyp = box('ftyp', Buffer.from('heic'), u32(0), Buffer.from('mif1heic'));
  return Buffer.concat([ftyp, metaFor(ftyp.length + metaFor(0).length + 8), u32(8 + mdatLength), Buffer.from('mdat'), ...mdat]);
}

/** An iPhone-like photo: a grid over two tiles, an alpha plane, a depth map, a thumbnail, Exif and XMP. */
const photo = (): TestFile => ({
  primary: 3,
  items: [
    { id: 1, type: 'hvc1', data: 'TILE-ONE', properties: [hvcC(), ispe()] },
    { id: 2, type: 'hvc1', data: 'TILE-TWO', properties: [hvcC(), ispe()] },
    { id: 3, type: 'grid', data: 'GRID', method: 1, properties: [ispe(), { box: box('udes', Buffer.from('SECRET user description')) }] },
    { id: 4, type: 'Exif', data: 'SECRET-EXIF' },
    { id: 5, type: 'mime', data: 'SECRET-XMP' },
    { id: 6, type: 'hvc1', data: 'SECRET-THUMBNAIL', properties: [hvcC(), ispe()] },
    { id: 7, type: 'hvc1', data: 'ALPHA-PLANE', properties: [hvcC(), ispe(), auxC('urn:mpeg:hevc:2015:auxid:1')] },
    { id: 8, type: 'hvc1', data: 'SECRET-DEPTH', properties: [hvcC(), ispe(), auxC('urn:mpeg:hevc:2015:auxid:2')] },
  ],
  refs: [
    { type: 'dimg', from: 3, to: [1, 2] },
    { type: 'cdsc', from: 4, to: [3] },
    { type: 'cdsc', from: 5, to: [3] },
    { type: 'thmb', from: 6, to: [3] },
    { type: 'auxl', from: 7, to: [3] },
    { type: 'auxl', from: 8, to: [3] },
  ],
  extraMeta: [box('xml ', Buffer.from('<SECRET/>'))],
});

function refused(file: Buffer, message: RegExp): void {
  assert.throws(() => stripHeic(file), (error: unknown) => error instanceof CannotStripError && message.test(error.message));
}

describe('HEIC safe copies', () => {
  it('keeps the primary grid, its tiles and its alpha plane, byte for byte; drops Exif, XMP, thumbnail, depth map, unknown properties and boxes', () => {
    const original = heif(photo());
    const copy = stripHeic(original);
    assert.ok(!copy.includes('SECRET'), copy.toString('latin1'));
    assert.ok(!copy.includes('a name'), 'item names are not copied');
    const items = heifItems(copy);
    assert.deepEqual([...items].map(([id, item]) => [id, item.type, item.data.toString()]), [
      [1, 'hvc1', 'TILE-ONE'],
      [2, 'hvc1', 'TILE-TWO'],
      [3, 'grid', 'GRID'],
      [7, 'hvc1', 'ALPHA-PLANE'],
    ]);
    assert.ok(stripHeic(copy).equals(copy), 'a safe copy of a safe copy is the same bytes');
  });

  it('a safe copy of the heif-enc fixture, made again, is the same bytes', () => {
    const once = stripHeic(fixture('gps.heic'));
    assert.ok(stripHeic(once).equals(once));
  });

  it('handles item ids past 65535', () => {
    const copy = stripHeic(heif({ primary: 70_000, items: [{ id: 70_000, type: 'hvc1', data: 'WIDE', properties: [hvcC()] }, { id: 70_001, type: 'Exif', data: 'SECRET' }], refs: [{ type: 'cdsc', from: 70_001, to: [70_000] }] }));
    assert.ok(!copy.includes('SECRET'));
    assert.deepEqual([...heifItems(copy)].map(([id, item]) => [id, item.data.toString()]), [[70_000, 'WIDE']]);
  });

  it('refuses an image that needs a property it does not know', () => {
    const file = photo();
    file.items[0]!.properties!.push({ box: box('zzzz', Buffer.from('?')), essential: true });
    refused(heif(file), /needs a zzzz property/);
  });

  it('refuses image data past the end of the file, of unstated length, or built from references', () => {
    const past = photo();
    past.items[0]!.extent = { offset: 1_000_000, length: 8 };
    refused(heif(past), /data of item 1 lies past the end of the file/);
    const unstated = photo();
    unstated.items[1]!.extent = { offset: 0, length: 0 };
    refused(heif(unstated), /unstated length/);
    const referenced = photo();
    referenced.items[0]!.method = 2;
    refused(heif(referenced), /references to other items/);
  });

  it('refuses JPEG-coded items, which may carry EXIF inside their data', () => {
    refused(heif({ primary: 1, items: [{ id: 1, type: 'jpeg', data: 'JPEG' }] }), /stored as jpeg items/);
  });

  it('refuses a file that names no primary image, or is not HEIF at all', () => {
    refused(heif({ items: [{ id: 1, type: 'hvc1', data: 'X' }] }), /no primary image/);
    refused(Buffer.from('not an image at all'), /damaged|not a HEIF/);
    refused(Buffer.alloc(0), /not a HEIF/);
  });

  it('does not hang on a grid that names itself as its own tile', () => {
    const file = photo();
    file.refs![0] = { type: 'dimg', from: 3, to: [3, 1, 2] };
    assert.ok(stripHeic(heif(file)).includes('TILE-TWO'));
  });

  it('refuses boxes whose sizes lie: too small for their header, or larger than the file', () => {
    const small = Buffer.from(fixture('gps.heic'));
    small.writeUInt32BE(4, 0);
    refused(small, /runs past the end|cut off/);
    const large = Buffer.from(fixture('gps.heic'));
    const meta = large.readUInt32BE(0);
    large.writeUInt32BE(1, meta);
    large.writeBigUInt64BE(2n ** 62n, meta + 8);
    refused(large, /the meta box runs past the end/);
  });

  it('refuses every truncation of the file', () => {
    const file = fixture('gps.heic');
    for (let length = 0; length < file.length; length++) {
      assert.throws(() => stripHeic(file.subarray(0, length)), CannotStripError, `cut at ${length}`);
    }
  });

  it('given thousands of randomly damaged files, answers each with a copy or a CannotStripError', function () {
    this.timeout(60_000);
    const files = [fixture('gps.heic'), stripHeic(fixture('gps.heic')), heif(photo())];
    for (const [seed, bytes] of files.entries()) {
      for (const { damaged, label } of withBytesChanged(bytes, 3000, seed + 10)) {
        assertRefusesOrCopes(() => stripHeic(damaged), CannotStripError, label);
      }
    }
  });
});
