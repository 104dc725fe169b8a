/**
 * Capture metadata read with exifr, against files written by exiftool (an independent writer).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCaptureMetadata } from '../../server/evidence/metadata.js';

const fixtures = join(import.meta.dirname, '../fixtures/evidence');

describe('capture metadata', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'casebook-metadata-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('still reads GPS, time and device from a TIFF whose IPTC exifr cannot parse (IPTC as LONG, as exiftool writes it)', async () => {
    const path = join(dir, 'iptc.tif');
    copyFileSync(join(fixtures, 'gps-strips.tif'), path);
    execFileSync('exiftool', ['-q', '-overwrite_original', '-IPTC:By-line=Photographer', '-IPTC:Keywords=test', path]);
    const metadata = await readCaptureMetadata(path, 'image/tiff');
    assert.equal(metadata.metadataError, null);
    assert.ok(metadata.latitude !== null && metadata.longitude !== null, 'GPS read');
    assert.ok(metadata.takenAt, 'capture time read');
    assert.ok(metadata.deviceMake, 'device read');
  });
});
