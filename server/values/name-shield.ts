/**
 * Replaces protected names in free text with pseudonyms. Matching ignores case, diacritics, ё/й,
 * and hyphens, quotes and spacing between words, so "ZAURBEK plantedname", "Заурбек
 * Плантеднаме" and "Zaurbek-Plantedname" are all caught; only whole words match, so a name inside
 * a longer word is left alone.
 */
export interface ShieldedName {
  readonly name: string;
  readonly pseudonym: string;
}

const SEPARATOR = /[\s\p{Pd}'"«»‘’“”„`]/u;

interface Folded {
  readonly text: string;
  /** For each folded UTF-16 unit, the original range it came from. */
  readonly starts: number[];
  readonly ends: number[];
}

function foldWithMap(original: string): Folded {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const char of original) {
    const end = index + char.length;
    if (SEPARATOR.test(char)) {
      if (text.endsWith(' ')) ends[ends.length - 1] = end;
      else {
        text += ' ';
        starts.push(index);
        ends.push(end);
      }
    } else {
      for (const unit of char.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()) {
        text += unit;
        starts.push(index);
        ends.push(end);
      }
    }
    index = end;
  }
  return { text, starts, ends };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export class NameShield {
  private readonly pattern: RegExp | null;
  private readonly pseudonyms = new Map<string, string>();

  constructor(names: Iterable<ShieldedName>) {
    for (const { name, pseudonym } of names) {
      const key = foldWithMap(name).text.trim();
      if (key && !this.pseudonyms.has(key)) this.pseudonyms.set(key, pseudonym);
    }
    // Longest first, so "Zaurbek Plantedname" wins over its alias "Zaurbek".
    const alternatives = [...this.pseudonyms.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.pattern = alternatives.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu') : null;
  }

  text(original: string): string {
    if (!this.pattern) return original;
    const folded = foldWithMap(original);
    let result = '';
    let copied = 0;
    for (const match of folded.text.matchAll(this.pattern)) {
      const start = folded.starts[match.index]!;
      const end = folded.ends[match.index + match[0].length - 1]!;
      result += original.slice(copied, start) + this.pseudonyms.get(match[0])!;
      copied = end;
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
