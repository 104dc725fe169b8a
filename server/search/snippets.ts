/**
 * The piece of a hit's text around its first matching word, with every matching word marked.
 * Matching is by word key, as in the index, so "Даудов" is marked where the query said "Daudov".
 */
import { eachKeyedWord, type KeyedWord } from '../values/word-key.js';
import type { DocumentText } from '../../db/queries/search.js';

export interface SnippetPart {
  readonly text: string;
  readonly match?: true;
}

const BEFORE = 60;
const LENGTH = 220;

export function snippetOf(document: DocumentText, marked: { exact: ReadonlySet<string>; prefixes: readonly string[] }): SnippetPart[] {
  const matches = (key: string) => marked.exact.has(key) || marked.prefixes.some((prefix) => key.startsWith(prefix));
  // The body says why a record matched; a record found by its name alone shows its name.
  for (const text of [document.body, document.name]) {
    // Words are keyed only until the snippet is full: most of a long body is never shown.
    const words: KeyedWord[] = [];
    let start = 0;
    let end = text.length;
    for (const word of eachKeyedWord(text)) {
      if (words.length > 0 && word.end > end) break;
      if (!matches(word.key)) continue;
      if (words.length === 0) {
        start = Math.max(0, word.start - BEFORE);
        if (start > 0) start = text.indexOf(' ', start) + 1 || start;
        end = Math.min(text.length, start + LENGTH);
        if (end < text.length) end = text.lastIndexOf(' ', end) > word.end ? text.lastIndexOf(' ', end) : end;
      }
      words.push(word);
    }
    if (words.length === 0) continue;
    const parts: SnippetPart[] = [];
    let at = start;
    for (const word of words) {
      if (word.end > end) continue;
      if (word.start > at) parts.push({ text: text.slice(at, word.start) });
      parts.push({ text: text.slice(word.start, word.end), match: true });
      at = word.end;
    }
    if (end > at) parts.push({ text: text.slice(at, end) });
    if (start > 0) parts.unshift({ text: '…' });
    if (end < text.length) parts.push({ text: '…' });
    return parts;
  }
  const text = document.body || document.name;
  return [{ text: text.length > LENGTH ? `${text.slice(0, LENGTH)}…` : text }];
}

/** A snippet as plain text, matches in «guillemets» (CSV cells). */
export function snippetText(parts: readonly SnippetPart[]): string {
  return parts.map((part) => (part.match ? `«${part.text}»` : part.text)).join('');
}
