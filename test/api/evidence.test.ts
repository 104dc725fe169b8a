/**
 * Evidence over real HTTP into a real evidence folder: uploads, dedupe, capture metadata, hints,
 * custody, safe copies checked with exiftool (Debian's libimage-exiftool-perl), journalists' view.
 * Fixtures in test/fixtures/evidence were made with ImageMagick and exiftool: gps.jpg (capture
 * time, GPS near Argun, device, Photoshop, IPTC, XMP, comment, thumbnail), plain.jpg (no
 * metadata), truncated.jpg (gps.jpg cut in half), text-location.png (a tEXt chunk naming a place),
 * garbage-exif.jpg (plain.jpg with an EXIF segment of random bytes).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { assertExiftoolInstalled, exiftool } from '../helpers/exiftool.js';
import { aLocation, anIncident } from '../helpers/factories.js';
import { download, fixture, sha256, uploadRaw } from '../helpers/files.js';

async function uploadMultipart(cb: TestCasebook, name: string, bytes: Buffer, fields: Record<string, string>, type = 'image/jpeg') {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const response = await fetch(`${cb.url}/api/v1/evidence`, { method: 'POST', headers: { authorization: `Bearer ${cb.account('researcher').token}` }, body: form });
  return { status: response.status, body: (await response.json()) as any };
}

describe('evidence', () => {
  let cb: TestCasebook;
  before(assertExiftoolInstalled);
  beforeEach(async () => {
    cb = await startCasebook();
  });
  afterEach(() => cb.close());

  it('stores an upload by its SHA-256, reads its capture metadata, and links it to an incident', async () => {
    const argun = await aLocation(cb, { name: 'Argun', point: { latitude: 43.29, longitude: 45.87, precisionMeters: 4000 } });
    const incident = await anIncident(cb, { date: '2017-01', locations: [argun.id] });
    const bytes = fixture('gps.jpg');
    const { status, body } = await uploadRaw(cb, 'hematoma.jpg', bytes, `?incident=${incident.id}&description=Hematoma%20after%20torture&protected=false`);
    assert.equal(status, 201, JSON.stringify(body));
    assert.equal(body.sha256, sha256(bytes));
    assert.equal(body.size, bytes.length);
    assert.equal(body.mediaType, 'image/jpeg');
    assert.equal(body.originalName, 'hematoma.jpg');
    assert.ok(existsSync(join(cb.evidenceDir, body.sha256.slice(0, 2), body.sha256)));
    assert.deepEqual(body.capture, {
      takenAt: '2017:01:15 14:32:10',
      takenOffset: '+03:00',
      width: 64,
      height: 48,
      latitude: 43.2917,
      longitude: 45.8722,
      deviceMake: 'Canon',
      deviceModel: 'Canon EOS 5D',
      software: 'Adobe Photoshop CC 2017 (Windows)',
    });
    assert.deepEqual(body.incidents.map((i: { id: number }) => i.id), [incident.id]);
    assert.deepEqual(body.hints, ['edited with Adobe Photoshop CC 2017 (Windows)']);
  });

  it('computes hints: far from the incident, years apart, no metadata', async () => {
    const moscow = await aLocation(cb, { name: 'Moscow', point: { latitude: 55.75, longitude: 37.62, precisionMeters: 10000 } });
    const incident = await anIncident(cb, { date: '2019-03', locations: [moscow.id] });
    const far = (await uploadRaw(cb, 'a.jpg', fixture('gps.jpg'), `?incident=${incident.id}`)).body;
    assert.ok(far.hints.some((h: string) => /^GPS position \d+ km from incident \d+'s location$/.test(h)), far.hints.join('; '));
    assert.ok(far.hints.includes(`taken 2017-01-15, incident ${incident.id} dated 2019-03: more than a year apart`), far.hints.join('; '));
    const plain = (await uploadRaw(cb, 'b.jpg', fixture('plain.jpg'))).body;
    assert.deepEqual(plain.hints, ['no capture metadata (likely re-shared through a messenger)']);
  });

  it('stores the same bytes once: the second upload answers 200 with the same item and a custody event', async () => {
    const first = await uploadRaw(cb, 'one.jpg', fixture('gps.jpg'));
    const second = await uploadMultipart(cb, 'two.jpg', fixture('gps.jpg'), { description: 'again' });
    assert.equal(first.status, 201);
    assert.equal(second.status, 200);
    assert.equal(second.body.id, first.body.id);
    const custody = (await cb.get(`/api/v1/evidence/${first.body.id}/custody`)).body.items.map((e: { action: string }) => e.action);
    assert.deepEqual(custody, ['upload', 'upload-duplicate']);
  });

  it('two uploads of the same new bytes at once make one item', async () => {
    const [a, b] = await Promise.all([uploadRaw(cb, 'a.png', fixture('text-location.png')), uploadRaw(cb, 'b.png', fixture('text-location.png'))]);
    assert.deepEqual([a.status, b.status].sort(), [200, 201]);
    assert.equal(a.body.id, b.body.id);
    assert.equal((await cb.get('/api/v1/evidence')).body.items.length, 1);
  });

  it('makes a metadata-stripped safe copy with its own hash; exiftool finds no GPS, date, device, thumbnail or text in it', async () => {
    const original = (await uploadRaw(cb, 'photo.jpg', fixture('gps.jpg'))).body;
    const copy = await cb.post(`/api/v1/evidence/${original.id}/safe-copy`, undefined);
    assert.equal(copy.status, 201, copy.text);
    assert.equal(copy.body.derivedFrom.id, original.id);
    assert.notEqual(copy.body.sha256, original.sha256);
    const bytes = (await download(cb, 'researcher', copy.body.id)).bytes;
    assert.equal(sha256(bytes), copy.body.sha256);
    const tags = JSON.stringify(exiftool(bytes));
    for (const tag of ['GPS', 'DateTimeOriginal', 'Make', 'Model', 'Software', 'Thumbnail', 'By-line', 'Creator', 'Artist', 'Comment', 'Planted', '+7 900']) {
      assert.ok(!tags.includes(tag), `${tag} survived: ${tags}`);
    }
    // The last start-of-scan: the first may be the embedded thumbnail's.
    const scan = (jpeg: Buffer) => jpeg.subarray(jpeg.lastIndexOf(Buffer.from([0xff, 0xda])));
    assert.ok(scan(bytes).equals(scan(fixture('gps.jpg'))), 'the compressed pixels are untouched');
    const again = await cb.post(`/api/v1/evidence/${original.id}/safe-copy`, undefined);
    assert.equal(again.body.id, copy.body.id, 'one safe copy per original');
  });

  it('strips a PNG\'s text chunk that names a place', async () => {
    const original = (await uploadRaw(cb, 'map.png', fixture('text-location.png'), '?protected=false')).body;
    assert.match(JSON.stringify(exiftool(fixture('text-location.png'))), /safe house/);
    const safe = await download(cb, 'journalist', original.id);
    assert.equal(safe.status, 200);
    assert.doesNotMatch(JSON.stringify(exiftool(safe.bytes)), /safe house|Argun/);
  });

  it('a journalist sees no GPS or device, only ever receives the safe copy, and never sees protected items', async () => {
    const open = (await uploadRaw(cb, 'open.jpg', fixture('gps.jpg'), '?protected=false')).body;
    const hidden = (await uploadRaw(cb, 'hidden.jpg', fixture('plain.jpg'))).body;
    assert.equal(hidden.protected, true, 'evidence is protected unless said otherwise');
    const seen = (await cb.as('journalist').get(`/api/v1/evidence/${open.id}`)).body;
    assert.deepEqual(Object.keys(seen.capture).sort(), ['height', 'takenAt', 'takenOffset', 'width']);
    assert.equal((await cb.as('journalist').get(`/api/v1/evidence/${hidden.id}`)).status, 404);
    assert.deepEqual((await cb.as('journalist').get('/api/v1/evidence')).body.items.map((i: { id: number }) => i.id), [open.id]);
    const received = await download(cb, 'journalist', open.id);
    assert.equal(received.status, 200);
    assert.notEqual(sha256(received.bytes), open.sha256);
    assert.doesNotMatch(JSON.stringify(exiftool(received.bytes)), /GPS|Canon|DateTimeOriginal/);
    assert.equal((await cb.as('journalist').get(`/api/v1/evidence/${open.id}/custody`)).status, 403);
    const custody = (await cb.get(`/api/v1/evidence/${open.id}/custody`)).body.items.map((e: { action: string }) => e.action);
    assert.deepEqual(custody, ['upload']);
    const copyId = (await cb.get(`/api/v1/evidence/${open.id}`)).body.safeCopy.id;
    const copyCustody = (await cb.get(`/api/v1/evidence/${copyId}/custody`)).body.items;
    assert.deepEqual(copyCustody.map((e: { action: string }) => e.action), ['derive', 'download-safe-copy']);
    assert.equal(copyCustody[1].actor.name, 'test-journalist');
    assert.equal(copyCustody[1].after.reason, 'fact check');
  });

  it('records downloads of the original and links in the chain of custody', async () => {
    const item = (await uploadRaw(cb, 'x.jpg', fixture('gps.jpg'))).body;
    const incident = await anIncident(cb);
    const original = await download(cb, 'researcher', item.id);
    assert.equal(sha256(original.bytes), item.sha256, 'the original bytes, unaltered');
    assert.equal(original.headers.get('x-content-sha256'), item.sha256);
    await cb.patch(`/api/v1/evidence/${item.id}`, { linkIncidents: [incident.id], correction: 'Camera clock was one hour behind.' });
    const body = (await cb.get(`/api/v1/evidence/${item.id}`)).body;
    assert.equal(body.capture.takenAt, '2017:01:15 14:32:10', 'the metadata itself is never edited');
    assert.equal(body.correction, 'Camera clock was one hour behind.');
    const custody = (await cb.get(`/api/v1/evidence/${item.id}/custody`)).body.items.map((e: { action: string }) => e.action);
    assert.deepEqual(custody, ['upload', 'download-original', 'update', 'link']);
  });

  it('stores an image whose EXIF is garbage, with the hint "metadata unreadable"', async () => {
    const item = await uploadRaw(cb, 'garbled.jpg', fixture('garbage-exif.jpg'));
    assert.equal(item.status, 201);
    assert.deepEqual(item.body.hints, ['metadata unreadable']);
    assert.equal(item.body.capture.width, 64);
  });

  it('when the stored original was altered on disk, then no safe copy is made of it', async () => {
    const original = (await uploadRaw(cb, 'photo.jpg', fixture('gps.jpg'))).body;
    const stored = join(cb.evidenceDir, original.sha256.slice(0, 2), original.sha256);
    const altered = readFileSync(stored);
    altered[altered.length - 3]! ^= 0xff;
    writeFileSync(stored, altered);
    const copy = await cb.post(`/api/v1/evidence/${original.id}/safe-copy`, undefined);
    assert.equal(copy.status, 500);
    assert.equal((await cb.get('/api/v1/evidence')).body.items.length, 1, 'no copy was recorded');
  });

  it('stores a truncated JPEG whose bytes fully arrived, but makes no safe copy of it', async () => {
    const item = await uploadRaw(cb, 'cut.jpg', fixture('truncated.jpg'), '?protected=false');
    assert.equal(item.status, 201);
    const copy = await cb.post(`/api/v1/evidence/${item.body.id}/safe-copy`, undefined);
    assert.equal(copy.status, 409);
    assert.equal(copy.body.type, 'no-safe-copy');
    assert.equal((await download(cb, 'journalist', item.body.id)).status, 409, 'a journalist gets no original instead');
  });
});
