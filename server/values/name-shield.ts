/**
 * Replaces protected names in free text with pseudonyms. Words are compared by their spelling-blind
 * keys (./word-key.ts): case, diacritics, script and the usual romanisations are ignored, and so is
 * whatever stands between the words of a name, so "ZAURBEK plantedname", "Заурбек Плантеднаме" and
 * "Zaurbek-Plantedname" are all caught, and a search cannot find by spelling what was shielded.
 * A name word also matches its Russian case forms (Даудова, Даудову, Даудовым), which a name in
 * Russian prose nearly always takes; otherwise only whole words match, so "Zaurbekov" is left alone.
 * A surname (the last word of a longer name) is shielded on its own too, since prose refers to
 * people by it ("Shieldtestova's brother"), unless a person who is not protected bears it: a
 * witness named Kadyrov must not turn every mention of the head of the republic into a pseudonym.
 * First names alone are not shielded, as they are shared by many.
 */
import { keyedWords, type KeyedWord } from './word-key.js';

export interface ShieldedName {
  readonly name: string;
  readonly pseudonym: string;
}

// Case endings as keyed (ы→i, х→h, й→i); not -ov/-ev/-in, which make other surnames.
const CASE_ENDINGS = ['a', 'u', 'e', 'i', 'om', 'em', 'im', 'oi', 'oiu', 'ei', 'ih', 'imi', 'ami', 'am', 'ah', 'ia', 'iu'];
/** Shorter name words match only as they are: "Ali" must not catch "Alim". */
export const MIN_INFLECTED_LENGTH = 4;

export interface ShieldedPhrase {
  readonly keys: readonly string[];
  readonly pseudonym: string;
}

/** A step in the tree of names by their words' keys: the names that end here, and the next words. */
interface NameNode {
  phrase?: ShieldedPhrase;
  readonly next: Map<string, NameNode>;
}

/**
 * The word-key sequences the shield replaces for these names: each name, and its surname alone
 * unless it is also a word of one of `publicNames`.
 */
export function shieldedPhrases(names: Iterable<ShieldedName>, publicNames: Iterable<string> = []): ShieldedPhrase[] {
  const publicWords = new Set<string>();
  for (const name of publicNames) for (const word of keyedWords(name)) publicWords.add(word.key);
  const phrases = new Map<string, ShieldedPhrase>();
  for (const { name, pseudonym } of names) {
    const keys = keyedWords(name).map((word) => word.key);
    if (keys.length === 0) continue;
    const surname = keys.at(-1)!;
    const alone = keys.length > 1 && surname.length >= MIN_INFLECTED_LENGTH && !publicWords.has(surname);
    for (const phrase of alone ? [keys, [surname]] : [keys]) {
      const id = phrase.join(' ');
      if (!phrases.has(id)) phrases.set(id, { keys: phrase, pseudonym });
    }
  }
  return [...phrases.values()];
}

/** The keys a word may be an inflected or plain form of. */
function stemsOf(key: string): string[] {
  const stems = [key];
  for (const ending of CASE_ENDINGS) {
    if (key.length - ending.length >= MIN_INFLECTED_LENGTH && key.endsWith(ending)) stems.push(key.slice(0, -ending.length));
  }
  return stems;
}

export class NameShield {
  /**
   * Every name as a path of word keys from the root. A text's word is looked up by each key it
   * may be a form of, so matching costs the same with 50 protected names or 50,000, however many
   * share a first name.
   */
  private readonly root: NameNode = { next: new Map() };
  /** Every form a name's first word may take: nearly every word of a text is none of them, and is passed over at once. */
  private readonly firstForms = new Set<string>();

  constructor(names: Iterable<ShieldedName>, publicNames: Iterable<string> = []) {
    for (const phrase of shieldedPhrases(names, publicNames)) {
      let node = this.root;
      for (const key of phrase.keys) {
        let next = node.next.get(key);
        if (!next) node.next.set(key, (next = { next: new Map() }));
        node = next;
      }
      node.phrase ??= phrase;
    }
    for (const key of this.root.next.keys()) {
      this.firstForms.add(key);
      if (key.length >= MIN_INFLECTED_LENGTH) for (const ending of CASE_ENDINGS) this.firstForms.add(key + ending);
    }
  }

  /** The longest name whose words are the text's words from `index` on (each as it is or in a case form); of equal ones, the first found. */
  private matchAt(words: readonly KeyedWord[], index: number, node: NameNode = this.root): ShieldedPhrase | undefined {
    let best: ShieldedPhrase | undefined;
    const word = words[index];
    if (word) {
      for (const stem of stemsOf(word.key)) {
        const next = node.next.get(stem);
        if (!next) continue;
        const found = this.matchAt(words, index + 1, next) ?? next.phrase;
        if (found && (!best || found.keys.length > best.keys.length)) best = found;
      }
    }
    return best;
  }

  text(original: string): string {
    if (this.root.next.size === 0) return original;
    const words = keyedWords(original);
    let result = '';
    let copied = 0;
    for (let index = 0; index < words.length; index++) {
      if (!this.firstForms.has(words[index]!.key)) continue;
      const match = this.matchAt(words, index);
      if (!match) continue;
      const last = index + match.keys.length - 1;
      result += original.slice(copied, words[index]!.start) + match.pseudonym;
      copied = words[last]!.end;
      index = last;
    }
    return copied === 0 ? original : result + original.slice(copied);
  }

  /** A copy of a JSON-like value with every string shielded. */
  value<T>(input: T): T {
    if (typeof input === 'string') return this.text(input) as T;
    if (Array.isArray(input)) return input.map((item) => this.value(item)) as T;
    if (input !== null && typeof input === 'object') {
      return Object.fromEntries(Object.entries(input).map(([key, item]) => [key, this.value(item)])) as T;
    }
    return input;
  }
}
