/**
 * Records made through the real API, with sensible defaults a test overrides only where its
 * story needs to. Each returns the created record's body and fails loudly if creation failed.
 */
import assert from 'node:assert/strict';
import type { TestCasebook } from './casebook.js';

let counter = 0;
const unique = () => ++counter;

async function create(casebook: TestCasebook, path: string, body: Record<string, unknown>) {
  const response = await casebook.post(`/api/v1/${path}`, body);
  assert.equal(response.status, 201, `creating ${path} failed: ${response.text}`);
  return response.body;
}

export const aLocation = (cb: TestCasebook, fields: Record<string, unknown> = {}) =>
  create(cb, 'locations', { name: `Place ${unique()}`, kind: 'settlement', ...fields });

export const anOrganisation = (cb: TestCasebook, fields: Record<string, unknown> = {}) =>
  create(cb, 'organisations', { name: `Unit ${unique()}`, kind: 'security-unit', ...fields });

export const aPerson = (cb: TestCasebook, fields: Record<string, unknown> = {}) =>
  create(cb, 'persons', { name: `Person ${unique()}`, ...fields });

export const anOfficial = (cb: TestCasebook, fields: Record<string, unknown> = {}) =>
  aPerson(cb, { protection: 'public-figure', ...fields });

export const aSource = (cb: TestCasebook, fields: Record<string, unknown> = {}) =>
  create(cb, 'sources', { kind: 'news-article', title: `Report ${unique()}`, reliability: 'B', ...fields });

export const anIncident = (cb: TestCasebook, fields: Record<string, unknown> = {}) =>
  create(cb, 'incidents', { title: `Incident ${unique()}`, actTypes: ['arbitrary-detention'], date: '2017-01', ...fields });

export const aCitation = (cb: TestCasebook, source: { id: number }, claim: { kind: string; id: number }, fields: Record<string, unknown> = {}) =>
  create(cb, 'citations', { source: source.id, claim, quote: 'as quoted', locator: 'p. 1', stance: 'supports', credibility: 3, ...fields });

export const anInvolvement = (cb: TestCasebook, fields: Record<string, unknown>) =>
  create(cb, 'involvements', { role: 'perpetrator', ...fields });

export const aPost = (cb: TestCasebook, fields: Record<string, unknown>) => create(cb, 'posts', { role: 'Commander', ...fields });
