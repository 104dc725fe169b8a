/**
 * A report's footnotes: one per claim (an incident, an involvement, a post), numbered in the order
 * the report first states the claim, listing every citation of it — disputing ones included — as
 * the viewer may see it. A citation of a restricted source the viewer may not see keeps only its
 * grades ("restricted source, graded B2") and still counts.
 */
import type { ClaimKind } from '../../../db/queries/status.js';
import { vocabularies } from '../../../db/vocabularies.js';
import type { Viewer } from '../../viewer.js';
import type { CitationView } from '../../views/citations.js';
import { listCitations } from '../citations.js';
import type { ServiceContext } from '../context.js';
import { everyRecord } from './records.js';

export interface CitedSource {
  readonly id: number;
  readonly kind: string;
  readonly title: string;
  readonly publisher: string | null;
  readonly author: string | null;
  readonly url: string | null;
  readonly published: string | null;
  /** The earliest day it may have been published, for ordering; null when unknown. */
  readonly publishedFrom: string | null;
  readonly reliability: string;
}

export interface FootnoteCitation {
  readonly citationId: number;
  /** The source, or null for a restricted source this export may not show. */
  readonly source: CitedSource | null;
  readonly reliability: string;
  readonly locator: string | null;
  readonly quote: string | null;
  readonly stance: 'supports' | 'disputes';
  readonly credibility: number;
}

export interface Footnote {
  readonly number: number;
  readonly claim: { readonly kind: ClaimKind; readonly id: number };
  readonly citations: readonly FootnoteCitation[];
}

const sourceKindLabel = new Map<string, string>(vocabularies.sourceKinds.map((term) => [term.code, term.label]));

function footnoteCitation(citation: CitationView): FootnoteCitation {
  const { source } = citation;
  const common = { citationId: citation.id, locator: citation.locator, quote: citation.quote, stance: citation.stance, credibility: citation.credibility };
  if ('withheld' in source) return { ...common, source: null, reliability: source.reliability };
  return {
    ...common,
    reliability: source.reliability,
    source: {
      id: source.id,
      kind: sourceKindLabel.get(source.kind) ?? source.kind,
      title: source.title,
      publisher: source.publisher,
      author: source.author,
      url: source.url,
      published: source.published,
      publishedFrom: source.publishedRange?.earliest ?? null,
      reliability: source.reliability,
    },
  };
}

export class Footnotes {
  readonly list: Footnote[] = [];
  private readonly byClaim = new Map<string, Footnote | null>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly viewer: Viewer,
  ) {}

  /**
   * The footnote numbers for a claim: one, or none when the claim has no citation at all (the
   * caller then leaves the statement out). `known` saves reading citations already at hand.
   */
  cite(kind: ClaimKind, id: number, known?: readonly CitationView[]): number[] {
    const key = `${kind}:${id}`;
    let note = this.byClaim.get(key);
    if (note === undefined) {
      const citations = known ?? [...everyRecord((page) => listCitations(this.ctx, this.viewer, { claim: { kind, id } }, page))];
      note = citations.length === 0 ? null : { number: this.list.length + 1, claim: { kind, id }, citations: citations.map(footnoteCitation) };
      if (note) this.list.push(note);
      this.byClaim.set(key, note);
    }
    return note ? [note.number] : [];
  }

  /** Every citation behind these footnotes. */
  *citations(numbers: readonly number[]): Generator<FootnoteCitation> {
    for (const number of numbers) yield* this.list[number - 1]!.citations;
  }
}
