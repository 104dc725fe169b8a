/** Small pieces the record pages share. */
import type { ComponentChildren } from 'preact';
import { vocabularies, type VocabularyName } from '../../db/vocabularies.js';
import type { SnippetPart } from '../search/snippets.js';
import { pageRecord, withQuery, type ResourcePath } from '../urls.js';
import type { CitationView } from '../views/citations.js';

/** A vocabulary code in words. */
export function labelOf(vocabulary: VocabularyName, code: string): string {
  return vocabularies[vocabulary].find((term) => term.code === code)?.label ?? code;
}

export interface StatusLike {
  readonly corroboration: string;
  readonly disputed: boolean;
  readonly explanation: string;
}

/** The computed status and, beside it, its reasons in words. */
export function Status({ status }: { status: StatusLike }) {
  return (
    <span>
      <span class={`status ${status.corroboration}`}>{status.corroboration.replace('-', ' ')}</span>
      {status.disputed && <span class="status disputed"> disputed</span>} <span class="muted">{status.explanation}</span>
    </span>
  );
}

/** An EDTF date as written, with the span of days it stands for. */
export function DateSpan({ edtf, range }: { edtf: string | null; range: { earliest: string | null; latest: string | null } | null }) {
  if (edtf === null) return <span class="muted">unknown</span>;
  const from = range?.earliest ?? 'open start';
  const to = range?.latest ?? 'open end';
  return (
    <span>
      <code>{edtf}</code> <span class="muted">{from === to ? `(${from})` : `(between ${from} and ${to})`}</span>
    </span>
  );
}

export function RecordLink({ resource, id, children }: { resource: ResourcePath; id: number; children: ComponentChildren }) {
  return <a href={pageRecord(resource, id)}>{children}</a>;
}

/** Links to the next page of a list, keeping its filters. */
export function Pager({ path, query, next }: { path: string; query: Record<string, string | string[] | undefined>; next: string | null }) {
  const first = query.cursor !== undefined;
  if (!next && !first) return null;
  return (
    <nav class="pager" aria-label="Pages">
      {first && <a href={withQuery(path, { ...query, cursor: undefined })}>First page</a>}
      {next && <a href={withQuery(path, { ...query, cursor: next })}>Next page</a>}
    </nav>
  );
}

export function Snippet({ parts }: { parts: readonly SnippetPart[] }) {
  return <>{parts.map((part) => (part.match ? <mark>{part.text}</mark> : part.text))}</>;
}

/** Citations of one claim: the source (or that it is withheld), stance, grades, locator and quote. */
export function Citations({ citations }: { citations: readonly CitationView[] }) {
  if (citations.length === 0) return <p class="muted">No citations yet.</p>;
  return (
    <ul class="plain">
      {citations.map((citation) => (
        <li id={`citation-${citation.id}`}>
          {'withheld' in citation.source ? (
            <span>
              A restricted source <span class="muted">(withheld; reliability {citation.source.reliability})</span>
            </span>
          ) : (
            <span>
              <RecordLink resource="sources" id={citation.source.id}>
                {citation.source.title}
              </RecordLink>{' '}
              <span class="muted">
                {[citation.source.publisher, labelOf('sourceKinds', citation.source.kind), `reliability ${citation.source.reliability}`].filter(Boolean).join(' · ')}
              </span>
            </span>
          )}
          <div>
            {labelOf('stances', citation.stance)} · credibility {citation.credibility} ({labelOf('credibilityGrades', String(citation.credibility))})
            {citation.locator ? ` · ${citation.locator}` : ''}
          </div>
          {citation.quote && <blockquote class="quote">{citation.quote}</blockquote>}
        </li>
      ))}
    </ul>
  );
}

/** Links to the same list as JSON and CSV. */
export function DataLinks({ links }: { links: readonly { href: string; label: string }[] }) {
  return (
    <p class="no-print">
      Also as:{' '}
      {links.map((link, index) => (
        <>
          {index > 0 && ' · '}
          <a href={link.href}>{link.label}</a>
        </>
      ))}
    </p>
  );
}

/** A record's audited changes, newest last; only for viewers who may read histories. */
export function History({ entries }: { entries: readonly { id: number; at: string; actor: string; action: string; fields: readonly string[] }[] | undefined }) {
  if (!entries) return null;
  return (
    <section aria-labelledby="history">
      <h2 id="history">History of changes</h2>
      {entries.length === 0 ? (
        <p class="muted">No recorded changes.</p>
      ) : (
        <ol>
          {entries.map((entry) => (
            <li>
              <time datetime={entry.at}>{entry.at.replace('T', ' ').slice(0, 16)}</time> · {entry.actor} · {entry.action}
              {entry.fields.length > 0 && <span class="muted"> ({entry.fields.join(', ')})</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
