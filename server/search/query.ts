/**
 * A person's search query, parsed and turned into an FTS5 expression over word keys. Nothing the
 * user typed reaches FTS5 as syntax: every word is replaced by its key (a–z, 0–9) inside quotes,
 * and the operators are ours, so a query either means something or gets a message saying what
 * to change.
 *
 *   Daudov                words (all must match)        Дауд*          a prefix
 *   "secret prison"       a phrase                      Argun OR Grozny, torture NOT killing
 *   (Argun OR Grozny) AND torture                       operators in capitals, as FTS5 has them
 */
import { keyedWords } from '../values/word-key.js';

export const MAX_QUERY_LENGTH = 500;
const MAX_TERMS = 32;
/** Shorter prefixes expand to most of the vocabulary. */
const MIN_PREFIX_LENGTH = 3;

export class QueryError extends Error {}

export type QueryNode =
  | { readonly type: 'words'; readonly keys: readonly string[]; readonly prefix: boolean }
  | { readonly type: 'and' | 'or'; readonly children: readonly QueryNode[] }
  | { readonly type: 'not'; readonly keep: QueryNode; readonly without: QueryNode };

type Token =
  | { readonly type: 'word'; readonly text: string; readonly prefix: boolean }
  | { readonly type: 'phrase'; readonly text: string }
  | { readonly type: 'AND' | 'OR' | 'NOT' | '(' | ')' };

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const char = query[i]!;
    if (/\s/.test(char)) {
      i++;
    } else if (char === '(' || char === ')') {
      tokens.push({ type: char });
      i++;
    } else if (char === '"') {
      const end = query.indexOf('"', i + 1);
      if (end < 0) throw new QueryError('a quotation mark is not closed: end the phrase with another "');
      tokens.push({ type: 'phrase', text: query.slice(i + 1, end) });
      i = end + 1;
    } else {
      let end = i;
      while (end < query.length && !/[\s()"]/.test(query[end]!)) end++;
      const raw = query.slice(i, end);
      i = end;
      if (raw === 'AND' || raw === 'OR' || raw === 'NOT') {
        tokens.push({ type: raw });
        continue;
      }
      const prefix = raw.endsWith('*');
      const text = raw.replace(/\*+$/, '');
      if (text.includes('*')) throw new QueryError('* may only end a word, as in Дауд*');
      if (prefix && text === '') throw new QueryError('* alone searches for nothing: put it after the start of a word, as in Дауд*');
      tokens.push({ type: 'word', text, prefix });
    }
  }
  return tokens;
}

class Parser {
  private index = 0;
  terms = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  parse(): QueryNode {
    const node = this.or();
    const rest = this.peek();
    if (rest) throw new QueryError(rest.type === ')' ? 'a closing parenthesis has no opening one' : 'the query could not be read to its end');
    return node;
  }

  private or(): QueryNode {
    const children = [this.and()];
    while (this.peek()?.type === 'OR') {
      this.index++;
      children.push(this.and('OR'));
    }
    return children.length === 1 ? children[0]! : { type: 'or', children };
  }

  private and(after?: string): QueryNode {
    const children = [this.not(after)];
    for (;;) {
      const next = this.peek();
      if (next?.type === 'AND') {
        this.index++;
        children.push(this.not('AND'));
      } else if (next && next.type !== 'OR' && next.type !== ')' && next.type !== 'NOT') {
        children.push(this.not());
      } else break;
    }
    return children.length === 1 ? children[0]! : { type: 'and', children };
  }

  private not(after?: string): QueryNode {
    let node = this.unit(after);
    while (this.peek()?.type === 'NOT') {
      this.index++;
      node = { type: 'not', keep: node, without: this.unit('NOT') };
    }
    return node;
  }

  private unit(after?: string): QueryNode {
    const token = this.peek();
    const missing = after ? `${after} needs a word after it` : 'the query needs a word to search for';
    if (!token) throw new QueryError(missing);
    this.index++;
    switch (token.type) {
      case '(': {
        if (this.peek()?.type === ')') throw new QueryError('empty parentheses: put words inside them');
        const inner = this.or();
        if (this.peek()?.type !== ')') throw new QueryError('a parenthesis is not closed: add )');
        this.index++;
        return inner;
      }
      case 'word':
      case 'phrase':
        return this.words(token.text, token.type === 'word' && token.prefix);
      case 'NOT':
        throw new QueryError('NOT needs a word before it: write Argun NOT Grozny, not NOT Grozny');
      case 'AND':
      case 'OR':
        throw new QueryError(`${token.type} needs a word before it`);
      case ')':
        throw new QueryError(after ? missing : 'a closing parenthesis has no opening one');
    }
  }

  private words(text: string, prefix: boolean): QueryNode {
    const keys = keyedWords(text).map((word) => word.key);
    // Messages never repeat what was typed: it may be a name the viewer must not see echoed or logged.
    if (keys.length === 0) throw new QueryError('a word or phrase of the query has no letters or digits to search for');
    if (prefix && keys.at(-1)!.length < MIN_PREFIX_LENGTH) throw new QueryError(`a prefix needs at least ${MIN_PREFIX_LENGTH} letters before the *`);
    this.terms += keys.length;
    if (this.terms > MAX_TERMS) throw new QueryError(`the query has more than ${MAX_TERMS} words: search for fewer`);
    return { type: 'words', keys, prefix };
  }
}

/** Parses a query; throws QueryError with a message for the person who typed it. */
export function parseQuery(query: string): QueryNode {
  if (query.length > MAX_QUERY_LENGTH) throw new QueryError(`the query is ${query.length} characters long; at most ${MAX_QUERY_LENGTH} are searched`);
  if (CONTROL.test(query)) throw new QueryError('the query holds control characters; type it again as plain text');
  const tokens = tokenize(query);
  if (tokens.length === 0) throw new QueryError('the query is empty: type a word to search for');
  return new Parser(tokens).parse();
}

/** The FTS5 expression of a parsed query. */
export function ftsExpression(node: QueryNode): string {
  switch (node.type) {
    case 'words':
      return `"${node.keys.join(' ')}"${node.prefix ? '*' : ''}`;
    case 'and':
    case 'or':
      return `(${node.children.map(ftsExpression).join(node.type === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(${ftsExpression(node.keep)} NOT ${ftsExpression(node.without)})`;
  }
}

/** The keys a hit's text is marked at: every word of the query that is not excluded by NOT. */
export function markedKeys(node: QueryNode): { exact: Set<string>; prefixes: string[] } {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const walk = (current: QueryNode) => {
    if (current.type === 'words') {
      current.keys.forEach((key, index) => (current.prefix && index === current.keys.length - 1 ? prefixes.push(key) : exact.add(key)));
    } else if (current.type === 'not') walk(current.keep);
    else current.children.forEach(walk);
  };
  walk(node);
  return { exact, prefixes };
}
