/**
 * The words a report uses, shared by its HTML and Markdown forms so both say the same thing:
 * the method, dates, grades, citations.
 */
import type { CitedSource, FootnoteCitation, Report } from '../server/services/exports/report.js';

const profileWords: Record<Report['profile'], string> = {
  internal: 'internal: everything, including the real names of protected persons and restricted sources. Do not pass it on.',
  partner: 'partner: protected persons appear under stable pseudonyms; restricted sources are shown.',
  public: 'public: protected persons appear under stable pseudonyms; restricted sources are reduced to their grades; evidence is listed by hash without capture place or device.',
};

export function methodParagraphs(report: Report): string[] {
  const { leftOut } = report;
  const paragraphs = [
    `Export profile: ${profileWords[report.profile]}`,
    'Every statement drawn from the records carries a footnote listing every citation of it — the source, where in it, the quoted words, whether it supports or disputes the statement — including disputing ones. Sources are graded for reliability (A completely reliable … F cannot be judged) and each citation for credibility (1 confirmed by other sources … 6 cannot be judged); "graded B2" is reliability B, credibility 2.',
    'The status of each incident is computed from its citations, not typed in: corroborated means supported by two or more independent source origins; disputed means at least one citation disputes it.',
    'Posts held "at the time" of an incident are matched over the uncertain dates of both: certain when the post surely covered every day the incident may have happened on; possible when they merely may overlap. Posts over the units involved are shown with those of the unit one level up.',
    'Victim counts are documented ranges and are added as ranges: "100 or more" is never a bare number.',
  ];
  const missing = [
    leftOut.incidents && `${leftOut.incidents} incident${leftOut.incidents === 1 ? '' : 's'}`,
    leftOut.involvements && `${leftOut.involvements} involvement${leftOut.involvements === 1 ? '' : 's'}`,
    leftOut.posts && `${leftOut.posts} post${leftOut.posts === 1 ? '' : 's'}`,
  ].filter(Boolean);
  if (missing.length > 0) paragraphs.push(`Left out because no citation supports or disputes them: ${missing.join(', ')}.`);
  return paragraphs;
}

/** `2016-12/2017-01 (2016-12-01 to 2017-01-31)`; open ends in words. */
export function dateText(date: string, range: { earliest: string | null; latest: string | null }): string {
  const from = range.earliest ?? 'an unknown or open start';
  const to = range.latest ?? 'an unknown or open end';
  return from === to ? `${date} (${from})` : `${date} (${from} to ${to})`;
}

export function gradeText(citation: Pick<FootnoteCitation, 'reliability' | 'credibility'>): string {
  return `graded ${citation.reliability}${citation.credibility}`;
}

export function sourceText(source: CitedSource): string {
  const by = [source.author, source.publisher].filter(Boolean).join(', ');
  const when = source.published ? `, published ${source.published}` : '';
  return `${source.title}${by ? ` (${by}${when})` : when ? ` (${when.slice(2)})` : ''}`;
}

/** One citation in a footnote, in words: the parts a writer marks up differently are kept apart. */
export function citationParts(citation: Pick<FootnoteCitation, 'source' | 'reliability' | 'credibility' | 'locator' | 'quote' | 'stance'>): { source: string; url: string | null; locator: string | null; quote: string | null; tail: string } {
  const tail = `${citation.stance === 'disputes' ? 'disputes' : 'supports'}; ${gradeText(citation)}`;
  if (!citation.source) return { source: 'restricted source', url: null, locator: null, quote: null, tail };
  return { source: sourceText(citation.source), url: citation.source.url, locator: citation.locator || null, quote: citation.quote || null, tail };
}

export function mebibytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
