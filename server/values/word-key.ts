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
import { createRequire } from 'node:module';

// The transliteration library is one table of some 190 KB that takes 30-40 ms to load, and only
// words outside ASCII and Cyrillic need it: it is required when the first one comes, not at start
// (so not by every command line and export that imports search or the name shield).
const require = createRequire(import.meta.url);
let transliterateLoaded: typeof import('transliteration').transliterate | undefined;

function transliterate(text: string): string {
  transliterateLoaded ??= (require('transliteration') as typeof import('transliteration')).transliterate;
  return transliterateLoaded(text);
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Ukrainian, Belarusian and Chechen letters met in names and place names.
  і: 'i', ї: 'i', є: 'e', ґ: 'g', ў: 'u', ӏ: '',
};

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
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

// A word is a run of letters, marks and digits. Whether a character is one is found out once per
// character and kept: looking it up is about three times faster than matching those Unicode
// classes with a regular expression at every word of a million records.
const BMP_KNOWN = new Uint8Array(0x10000); // 0: not yet known, 1: a word character, 2: not

/** How many UTF-16 units the word character at `i` takes (1, or 2 outside the BMP), or 0 if there is none. */
function wordCharAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if (unit >= 0xd800 && unit <= 0xdbff) {
    const point = text.codePointAt(i)!;
    // Letters beyond the BMP (historic scripts, rare CJK) are too rare to keep.
    return point > 0xffff && WORD_CHAR.test(String.fromCodePoint(point)) ? 2 : 0;
  }
  let known = BMP_KNOWN[unit]!;
  if (known === 0) BMP_KNOWN[unit] = known = WORD_CHAR.test(String.fromCharCode(unit)) ? 1 : 2;
  return known === 1 ? 1 : 0;
}

/** Where the first word at or after `from` starts; the text's length when none does. */
function wordStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (wordCharAt(text, i) > 0) return i;
  return text.length;
}

/** Where the word starting at `start` ends. */
function wordEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const length = wordCharAt(text, i);
    if (length === 0) break;
    i += length;
  }
  return i;
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
  for (let start = wordStart(text, 0), end = 0; start < text.length; start = wordStart(text, end)) {
    end = wordEnd(text, start);
    const key = wordKey(text.slice(start, end));
    if (key) words.push({ key, start, end });
  }
  return words;
}

/** The same words one at a time, for a reader that may stop early. */
export function* eachKeyedWord(text: string): Generator<KeyedWord> {
  for (let start = wordStart(text, 0), end = 0; start < text.length; start = wordStart(text, end)) {
    end = wordEnd(text, start);
    const key = wordKey(text.slice(start, end));
    if (key) yield { key, start, end };
  }
}

/** A text as the search index holds it: its words' keys, separated by spaces. */
export function textKey(text: string): string {
  let out = '';
  for (let start = wordStart(text, 0), end = 0; start < text.length; start = wordStart(text, end)) {
    end = wordEnd(text, start);
    const key = wordKey(text.slice(start, end));
    if (key) out += out ? ` ${key}` : key;
  }
  return out;
}
