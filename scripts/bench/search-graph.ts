/**
 * A deterministic synthetic case as a Casebook graph (NDJSON), for the search figure: `size`
 * incidents in Russian and English, one location per 200 incidents, one person per 20 (one in ten
 * protected), one source per 100 (one in twenty restricted), and for each incident one
 * involvement and one citation with a quote. The same size and seed give the same file.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { ACTS, mulberry32, pick, pickActs, pickDate, pickVictims, SUBJECTS, SUMMARIES } from './incident-data.js';

const STAMP = '2025-01-01T00:00:00.000Z';
const stored = { createdAt: STAMP, updatedAt: STAMP };

// Syllables of Chechen and Russian place and family names, in both scripts, so that every name
// has a Latin and a Cyrillic spelling that search must treat as one.
const SYLLABLES: readonly [string, string][] = [
  ['ar', 'ар'], ['gun', 'гун'], ['tso', 'цо'], ['tsi', 'ци'], ['yurt', 'юрт'], ['shal', 'шал'], ['gu', 'гу'], ['der', 'дер'],
  ['mes', 'мес'], ['kha', 'ха'], ['san', 'сан'], ['vedo', 'ведо'], ['na', 'на'], ['zhan', 'жан'], ['bek', 'бек'], ['mur', 'мур'],
  ['ta', 'та'], ['ev', 'ев'], ['dau', 'дау'], ['dov', 'дов'], ['ka', 'ка'], ['dy', 'ды'], ['rov', 'ров'], ['ach', 'ач'],
  ['khoy', 'хой'], ['ma', 'ма'], ['tan', 'тан'], ['ur', 'ур'], ['us', 'ус'], ['il', 'ил'],
];
const FIRST_NAMES: readonly [string, string][] = [
  ['Magomed', 'Магомед'], ['Ruslan', 'Руслан'], ['Zelimkhan', 'Зелимхан'], ['Akhmed', 'Ахмед'], ['Islam', 'Ислам'],
  ['Adam', 'Адам'], ['Aslan', 'Аслан'], ['Movsar', 'Мовсар'], ['Khasan', 'Хасан'], ['Ayub', 'Аюб'],
  ['Yevgeny', 'Евгений'], ['Sergei', 'Сергей'], ['Maxim', 'Максим'], ['Zarema', 'Зарема'], ['Kheda', 'Хеда'],
];
const QUOTES: readonly string[] = [
  'He said they kept him in a basement with other men and beat him every night.',
  'Его держали в подвале вместе с другими мужчинами и избивали каждую ночь.',
  'The officers took his phone and looked for contacts of other men.',
  'Сотрудники забрали его телефон и искали контакты других мужчин.',
  'Relatives were told to come and collect him, and were urged to kill him.',
  'Родственникам велели забрать его и намекнули, что его следует убить.',
  'The ministry denied that any such detentions had taken place.',
  'В министерстве отрицали, что подобные задержания имели место.',
];

function nameFrom(random: () => number, parts: number, suffix: readonly [string, string] = ['', '']): [string, string] {
  let latin = '';
  let cyrillic = '';
  for (let i = 0; i < parts; i++) {
    const [l, c] = pick(random, SYLLABLES);
    latin += l;
    cyrillic += c;
  }
  const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  return [capital(latin + suffix[0]), capital(cyrillic + suffix[1])];
}

export interface GraphCounts {
  readonly locations: number;
  readonly persons: number;
  readonly sources: number;
  readonly incidents: number;
}

export function countsFor(size: number): GraphCounts {
  return { locations: Math.max(20, Math.round(size / 200)), persons: Math.max(50, Math.round(size / 20)), sources: Math.max(10, Math.round(size / 100)), incidents: size };
}

/** Every line of the graph, header first. */
export function* searchGraphLines(size: number, seed = 20261125): Generator<string> {
  const random = mulberry32(seed);
  const counts = countsFor(size);
  const personNames: [string, string][] = [];
  const placeNames: string[] = [];
  yield JSON.stringify({
    kind: 'casebook-graph',
    version: 1,
    counts: { location: counts.locations, person: counts.persons, 'alternative-name': counts.locations + counts.persons, source: counts.sources, incident: size, involvement: size, citation: size },
  });
  for (let id = 1; id <= counts.locations; id++) {
    const [latin] = nameFrom(random, 2, ['-Yurt', '-Юрт']);
    placeNames.push(latin);
    yield JSON.stringify({ kind: 'location', record: { id, name: latin, kind: 'settlement', parent: null, point: null, description: `Village in the Chechen Republic (${id})`, ...stored } });
  }
  for (let id = 1; id <= counts.persons; id++) {
    const first = pick(random, FIRST_NAMES);
    const [latin, cyrillic] = nameFrom(random, 2, ['ov', 'ов']);
    personNames.push([`${first[0]} ${latin}`, `${first[1]} ${cyrillic}`]);
    const isProtected = id % 10 === 0;
    yield JSON.stringify({
      kind: 'person',
      record: { id, name: `${first[0]} ${latin}`, protection: isProtected ? 'protected' : 'public-figure', pseudonym: `P-${String(id).padStart(5, '0')}`, description: isProtected ? 'Witness; lives in hiding' : 'Official', ...stored },
    });
  }
  let alternativeNameId = 0;
  for (let id = 1; id <= counts.locations; id++) {
    const [, cyrillic] = nameFrom(mulberry32(id), 2, ['-Yurt', '-Юрт']);
    yield JSON.stringify({ kind: 'alternative-name', record: { id: ++alternativeNameId, location: id, name: cyrillic, kind: 'native-script', language: 'ru', ...stored } });
  }
  for (let id = 1; id <= counts.persons; id++) {
    yield JSON.stringify({ kind: 'alternative-name', record: { id: ++alternativeNameId, person: id, name: personNames[id - 1]![1], kind: 'native-script', language: 'ru', ...stored } });
  }
  for (let id = 1; id <= counts.sources; id++) {
    yield JSON.stringify({
      kind: 'source',
      record: { id, kind: id % 3 === 0 ? 'testimony' : 'news-article', title: `Report ${id} on detentions in ${pick(random, placeNames)}`, publisher: id % 2 ? 'Novaya Gazeta' : 'Memorial', author: null, url: null, published: null, language: null, reliability: pick(random, ['A', 'B', 'C'] as const), restricted: id % 20 === 0, repeats: null, archiveUrl: null, notes: '', ...stored },
    });
  }
  for (let id = 1; id <= size; id++) {
    const acts = pickActs(random);
    const russian = random() < 0.6;
    const language = russian ? 1 : 0;
    const [victimName] = pick(random, personNames);
    const place = Math.floor(random() * counts.locations) + 1;
    const title = `${russian ? ACTS[acts[0]!].ru : ACTS[acts[0]!].en} ${pick(random, SUBJECTS)[language]} ${russian ? 'в' : 'in'} ${placeNames[place - 1]}`;
    const summary = `${pick(random, SUMMARIES)[language]} ${pick(random, SUMMARIES)[language]} ${random() < 0.3 ? `${victimName}.` : ''}`.trim();
    const [min, max] = pickVictims(random);
    yield JSON.stringify({
      kind: 'incident',
      record: { id, title, summary, actTypes: acts, date: pickDate(random), locations: [place], victims: min === null ? null : { min, max }, ...stored },
    });
  }
  for (let id = 1; id <= size; id++) {
    yield JSON.stringify({ kind: 'involvement', record: { id, incident: id, person: 1 + Math.floor(random() * counts.persons), role: random() < 0.7 ? 'victim' : 'perpetrator', description: '', ...stored } });
  }
  for (let id = 1; id <= size; id++) {
    yield JSON.stringify({
      kind: 'citation',
      record: { id, source: 1 + Math.floor(random() * counts.sources), claim: { kind: 'incident', id }, locator: `para. ${1 + Math.floor(random() * 20)}`, quote: pick(random, QUOTES), stance: random() < 0.95 ? 'supports' : 'disputes', credibility: 1 + Math.floor(random() * 6), ...stored },
    });
  }
}

/** Writes the graph to `path`, with progress, respecting the stream's backpressure. */
export async function writeSearchGraph(path: string, size: number, onProgress?: (lines: number) => void): Promise<number> {
  const out = createWriteStream(path);
  let lines = 0;
  for (const line of searchGraphLines(size)) {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
    if (++lines % 200_000 === 0) onProgress?.(lines);
  }
  out.end();
  await once(out, 'finish');
  return lines;
}
