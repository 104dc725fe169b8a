/**
 * One spelling-blind key per word, shared by the search index and the name shield, so that
 * whatever a search would match as a name, the shield has already replaced.
 *
 * Two words get the same key when they differ only in case, diacritics, script (Cyrillic is
 * romanised with our own table; other scripts by the transliteration library) or in the usual
 * ways Russian and Chechen names are romanised: ё/е, й/и/ы/y, ие/е (Kataev, Katayev, Катаев),
 * х/kh/h, x/ks, w/v, and doubled letters (Tsotsi-Yurt and Цоци-Юрт; Daudov and Даудов).
 * Keys hold only a–z and 0–9.
 */
import { transliterate } from 'transliteration';

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Ukrainian, Belarusian and Chechen letters met in names and place names.
  і: 'i', ї: 'i', є: 'e', ґ: 'g', ў: 'u', ӏ: '',
};

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const LATIN_OR_DIGIT = /^[a-z0-9]*$/;

function romanise(lower: string): string {
  let out = '';
  let foreign = '';
  for (const char of lower) {
    const mapped = CYRILLIC[char];
    if (mapped !== undefined) {
      if (foreign) out += transliterate(foreign);
      foreign = '';
      out += mapped;
    } else if (char.charCodeAt(0) < 0x80) {
      if (foreign) out += transliterate(foreign);
      foreign = '';
      out += char;
    } else {
      foreign += char;
    }
  }
  return foreign ? out + transliterate(foreign) : out;
}

// Words repeat (Zipf), and indexing a million records keys each word of each text.
const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

/** The key of one word (letters, marks and digits only); '' when nothing searchable is left. */
export function wordKey(word: string): string {
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const key = computeKey(word);
  cache.set(word, key);
  return key;
}

function computeKey(word: string): string {
  const lower = word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  let key = romanise(lower).toLowerCase();
  if (!LATIN_OR_DIGIT.test(key)) key = key.replace(/[^a-z0-9]+/g, '');
  return key
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/kh/g, 'h')
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1')
    .replace(/ie/g, 'e');
}

export interface KeyedWord {
  readonly key: string;
  /** UTF-16 offsets of the word in the text it came from. */
  readonly start: number;
  readonly end: number;
}

/** The words of a text with their keys and places; words with an empty key are left out. */
export function keyedWords(text: string): KeyedWord[] {
  const words: KeyedWord[] = [];
  for (const match of text.matchAll(WORD)) {
    const key = wordKey(match[0]);
    if (key) words.push({ key, start: match.index, end: match.index + match[0].length });
  }
  return words;
}

/** The same words one at a time, for a reader that may stop early. */
export function* eachKeyedWord(text: string): Generator<KeyedWord> {
  for (const match of text.matchAll(WORD)) {
    const key = wordKey(match[0]);
    if (key) yield { key, start: match.index, end: match.index + match[0].length };
  }
}

/** A text as the search index holds it: its words' keys, separated by spaces. */
export function textKey(text: string): string {
  let out = '';
  for (const match of text.matchAll(WORD)) {
    const key = wordKey(match[0]);
    if (key) out += out ? ` ${key}` : key;
  }
  return out;
}
