/**
 * Deterministic bench data: the same seed and count give the same incidents on every machine, so
 * figures from different runs describe the same database.
 */
import { inWriteTransaction, type Db } from '../../db/client.js';
import { suspendSearchTriggers } from '../../db/queries/search.js';
import { rebuildSearchIndex } from '../../server/search/indexer.js';
import { actTypes } from '../../db/vocabularies.js';
import { parseEdtf, type EdtfSpan } from '../../server/values/edtf-date.js';

type ActCode = (typeof actTypes)[number]['code'];

/** mulberry32: tiny, fast and good enough to spread test data; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Weighted so the mix resembles documented cases: detentions and torture are common, outings rare.
export const ACTS: Record<ActCode, { weight: number; en: string; ru: string }> = {
  'arbitrary-detention': { weight: 20, en: 'Detention of', ru: 'Задержание' },
  abduction: { weight: 10, en: 'Abduction of', ru: 'Похищение' },
  torture: { weight: 12, en: 'Torture of', ru: 'Пытки' },
  'ill-treatment': { weight: 10, en: 'Beating of', ru: 'Избиение' },
  killing: { weight: 5, en: 'Killing of', ru: 'Убийство' },
  'enforced-disappearance': { weight: 6, en: 'Disappearance of', ru: 'Исчезновение' },
  entrapment: { weight: 4, en: 'Entrapment of', ru: 'Заманивание в ловушку' },
  extortion: { weight: 6, en: 'Extortion from', ru: 'Вымогательство у' },
  'forced-outing': { weight: 3, en: 'Forced outing of', ru: 'Принудительный аутинг' },
  threats: { weight: 10, en: 'Threats against', ru: 'Угрозы в адрес' },
  'incitement-to-violence-by-family': { weight: 3, en: 'Handover to family of', ru: 'Передача родственникам' },
  'coerced-denunciation': { weight: 4, en: 'Coerced denunciation by', ru: 'Принуждение к доносу' },
  'public-appeal': { weight: 7, en: 'Public appeal for', ru: 'Обращение в защиту' },
};
const ACT_CODES = actTypes.map((term) => term.code);
const ACT_WEIGHT_TOTAL = ACT_CODES.reduce((sum, code) => sum + ACTS[code].weight, 0);

// Russian in the genitive case, so that it reads after any of the act phrases above.
export const SUBJECTS: readonly [string, string][] = [
  ['a blogger', 'блогера'],
  ['a student', 'студента'],
  ['two young men', 'двух молодых людей'],
  ['a woman activist', 'активистки'],
  ['a journalist', 'журналиста'],
  ['a human-rights lawyer', 'адвоката-правозащитника'],
  ['relatives of a detainee', 'родственников задержанного'],
  ['a shop owner', 'владельца магазина'],
  ['a group of men', 'группы мужчин'],
  ['a schoolteacher', 'учителя'],
];
export const PLACES: readonly [string, string][] = [
  ['in Grozny', 'в Грозном'],
  ['in Argun', 'в Аргуне'],
  ['in Gudermes', 'в Гудермесе'],
  ['in Shali', 'в Шали'],
  ['in Urus-Martan', 'в Урус-Мартане'],
  ['at a checkpoint near Sernovodsk', 'на блокпосту у Серноводска'],
  ['in Nazran', 'в Назрани'],
  ['in Makhachkala', 'в Махачкале'],
  ['in Moscow', 'в Москве'],
  ['in Saint Petersburg', 'в Санкт-Петербурге'],
];
export const SUMMARIES: readonly [string, string][] = [
  ['Relatives report that he was taken by men in uniform and held without charge.', 'По словам родственников, его увезли люди в форме и удерживали без обвинения.'],
  ['Released after several days; describes beatings and threats during questioning.', 'Освобождён через несколько дней; рассказывает об избиениях и угрозах на допросе.'],
  ['Whereabouts unknown; the authorities deny holding anyone of that name.', 'Местонахождение неизвестно; власти отрицают, что удерживают человека с таким именем.'],
  ['Reported by a local human-rights group; details confirmed by two witnesses.', 'Сообщила местная правозащитная группа; подробности подтвердили два свидетеля.'],
];

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

export function pickActs(random: () => number): ActCode[] {
  const chosen = new Set<ActCode>();
  const wanted = 1 + Math.floor(random() * 3);
  while (chosen.size < wanted) {
    let left = random() * ACT_WEIGHT_TOTAL;
    const code = ACT_CODES.find((candidate) => (left -= ACTS[candidate].weight) < 0) ?? ACT_CODES[0]!;
    chosen.add(code);
  }
  return [...chosen];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An EDTF date in 2010–2024, in the forms researchers actually write. */
export function pickDate(random: () => number): string {
  const year = 2010 + Math.floor(random() * 15);
  const month = 1 + Math.floor(random() * 12);
  const form = random();
  if (form < 0.3) return `${year}-${pad(month)}-${pad(1 + Math.floor(random() * 28))}`;
  if (form < 0.6) return `${year}-${pad(month)}`;
  if (form < 0.72) return `${year}-${pad(month)}~`;
  if (form < 0.82) return `${year}-${pad(month)}?`;
  if (form < 0.95) {
    // Months counted from year 0; the start moves back so that the interval still ends by 2024.
    const length = 1 + Math.floor(random() * 8);
    const start = Math.min(year * 12 + month - 1, 2024 * 12 + 11 - length);
    const monthText = (index: number) => `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
    return `${monthText(start)}/${monthText(start + length)}`;
  }
  return String(year);
}

export function pickVictims(random: () => number): [number | null, number | null] {
  const form = random();
  if (form < 0.25) return [null, null];
  const min = 1 + Math.floor(random() * 5);
  if (form < 0.7) return [min, min];
  if (form < 0.9) return [min, min + 1 + Math.floor(random() * 20)];
  return [min, null];
}

export interface GenerateOptions {
  readonly count: number;
  readonly seed?: number;
  /** Called with the number of incidents written so far, about every tenth of the way. */
  readonly onProgress?: (done: number) => void;
}

/**
 * Inserts `count` incidents with their act types into `db`, in one transaction and through raw
 * prepared statements (the drizzle builder is several times slower at this volume), then indexes
 * them for search.
 */
export async function generateIncidents(db: Db, { count, seed = 20240601, onProgress }: GenerateOptions): Promise<void> {
  const random = mulberry32(seed);
  const spans = new Map<string, EdtfSpan>();
  const insertIncident = db.$client.prepare(
    `INSERT INTO incidents (title, summary, date, date_earliest, date_latest, victims_min, victims_max, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAct = db.$client.prepare('INSERT INTO incident_act_types (incident_id, act_type) VALUES (?, ?)');
  const createdAt = '2025-01-01T00:00:00.000Z';
  const step = Math.max(1, Math.ceil(count / 10));

  await inWriteTransaction(db, async () => {
    // Written straight into the tables, as an import would: the search index is built once at the
    // end instead of queued row by row (a queue left behind would be drained by the first request).
    const restoreTriggers = suspendSearchTriggers(db);
    for (let i = 1; i <= count; i++) {
      const acts = pickActs(random);
      const russian = random() < 0.6;
      const language = russian ? 1 : 0;
      const act = ACTS[acts[0]!];
      const title = `${russian ? act.ru : act.en} ${pick(random, SUBJECTS)[language]} ${pick(random, PLACES)[language]}`;
      const summary = pick(random, SUMMARIES)[language]!;
      const text = pickDate(random);
      let span = spans.get(text);
      if (!span) spans.set(text, (span = parseEdtf(text)));
      const [victimsMin, victimsMax] = pickVictims(random);
      const { lastInsertRowid } = insertIncident.run(title, summary, span.edtf, span.earliest, span.latest, victimsMin, victimsMax, createdAt, createdAt);
      for (const code of acts) insertAct.run(lastInsertRowid, code);
      if (i % step === 0 || i === count) onProgress?.(i);
    }
    restoreTriggers();
    await rebuildSearchIndex({ db, now: () => new Date(createdAt) });
  });
}
