import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TestCasebook } from './casebook.js';

export const fixtures = join(import.meta.dirname, '../fixtures/evidence');

export function fixture(name: string): Buffer {
  return readFileSync(join(fixtures, name));
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every file under `dir` with its size, so a test can prove a refused upload left nothing behind. */
export function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(`${relative(dir, full)} ${statSync(full).size}`);
    }
  };
  walk(dir);
  return out.sort();
}

/** Uploads bytes as a raw body, as the researcher, with the file name in X-File-Name. */
export async function uploadRaw(cb: TestCasebook, name: string, bytes: Buffer, query = '', headers: Record<string, string> = {}) {
  const response = await fetch(`${cb.url}/api/v1/evidence${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${cb.account('researcher').token}`, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name), ...headers },
    body: new Blob([new Uint8Array(bytes)]),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text), text };
}

/** Downloads an evidence file as that role, giving "fact check" as the reason. */
export async function download(cb: TestCasebook, who: 'researcher' | 'journalist', id: number) {
  const response = await fetch(`${cb.url}/api/v1/evidence/${id}/file?reason=${encodeURIComponent('fact check')}`, { headers: { authorization: `Bearer ${cb.account(who).token}` } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}
