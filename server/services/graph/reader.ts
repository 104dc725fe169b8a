/**
 * Reads a graph line by line: the header, then records, each parsed with the API's schemas,
 * checked against the lines before it and written at once, while no line has failed. After the
 * first problem nothing more is written (the transaction will be rolled back anyway), but
 * reading goes on so that one run names many problems, not only the first.
 */
import type { Db } from '../../../db/client.js';
import { prepareGraphInserts } from '../../../db/queries/graph.js';
import type { Issue } from '../../errors.js';
import { issuesOf } from '../../schemas/common.js';
import { graphHeader, graphKinds, graphLine, type GraphHeader, type GraphKind, type GraphLine, type GraphLineOf } from '../../schemas/graph.js';
import type { EvidenceFiles } from './evidence-files.js';
import { checkLine, remember, Seen, writers } from './rules.js';

export interface LineIssue extends Issue {
  readonly line: number;
}

/** Lines before the header that are blank or start with "> ": the banner `npm run export` prints on stdout. */
const isBanner = (text: string) => text.trim() === '' || text.startsWith('> ');

function writeLine<K extends GraphKind>(write: ReturnType<typeof writers>, line: GraphLineOf<K>): void {
  write[line.kind](line.record);
}

export class GraphReader {
  readonly issues: LineIssue[] = [];
  /** Lines of each kind read, valid or not, to compare with the header's counts. */
  readonly counts = Object.fromEntries(graphKinds.map((kind) => [kind, 0])) as Record<GraphKind, number>;
  header: GraphHeader | undefined;
  /** The header's line number: after any banner lines. */
  headerLine = 0;
  lineNumber = 0;
  private readonly seen = new Seen();
  private readonly write: ReturnType<typeof writers>;

  constructor(
    db: Db,
    private readonly files: EvidenceFiles,
  ) {
    this.write = writers(prepareGraphInserts(db));
  }

  /** Lines the header announces, itself included; 0 before the header. */
  get announced(): number {
    return this.header ? this.headerLine + Object.values(this.header.counts).reduce((sum, n) => sum + n, 0) : 0;
  }

  private fail(path: string, message: string): void {
    this.issues.push({ line: this.lineNumber, path, message });
  }

  /** Reads the next line; returns a promise only when it must wait (for an evidence file). */
  read(text: string): Promise<void> | void {
    this.lineNumber++;
    if (!this.header) {
      if (!isBanner(text)) this.readHeader(text);
      return;
    }
    if (text.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // The parser's own message quotes the line, which may hold a name.
      this.fail('', 'not valid JSON: the line is malformed or cut off');
      return;
    }
    const { kind, record } = (json ?? {}) as { kind?: unknown; record?: { id?: unknown } };
    if (graphKinds.includes(kind as GraphKind)) this.counts[kind as GraphKind]++;
    const parsed = graphLine.safeParse(json);
    if (parsed.success) return this.readRecord(parsed.data);
    for (const issue of issuesOf(parsed.error)) this.fail(issue.path, issue.message);
    // Its id still counts as seen, so the lines pointing at it do not fail too.
    if (graphKinds.includes(kind as GraphKind) && Number.isSafeInteger(record?.id)) this.seen.ids[kind as GraphKind].add(record!.id as number);
  }

  private readHeader(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.fail('', 'not valid JSON; a graph starts with its header line {"kind": "casebook-graph", …}');
      return;
    }
    // A partner or public export's graph says so in its header: its records are redacted, not the case.
    if ((json as { importable?: unknown } | null)?.importable === false) {
      this.fail('importable', 'this graph was exported for a partner or the public, with protected names replaced and records withheld; only the whole graph (npm run export -- graph, or an internal bundle) can be imported');
      return;
    }
    const parsed = graphHeader.safeParse(json);
    if (parsed.success) {
      this.header = parsed.data;
      this.headerLine = this.lineNumber;
    } else for (const issue of issuesOf(parsed.error)) this.fail(issue.path, issue.message);
  }

  private readRecord(line: GraphLine): Promise<void> | void {
    const problems = checkLine(line, this.seen);
    remember(line, this.seen);
    if (line.kind === 'evidence' && problems.length === 0) {
      return this.files.ensure(line.record, this.issues.length === 0).then((problem) => {
        this.settle(line, problem ? [{ path: 'sha256', message: problem }] : []);
      });
    }
    this.settle(line, problems);
  }

  private settle(line: GraphLine, problems: readonly Issue[]): void {
    for (const problem of problems) this.fail(problem.path ? `record.${problem.path}` : 'record', problem.message);
    if (this.issues.length === 0) writeLine(this.write, line);
  }

  /** Problems only the end of the file shows: no header at all, or fewer (or more) lines than it announced. */
  finish(): void {
    if (!this.header) {
      if (this.issues.length === 0) this.issues.push({ line: 1, path: '', message: 'the file is empty; a graph starts with its header line' });
      return;
    }
    for (const kind of graphKinds) {
      const announced = this.header.counts[kind] ?? 0;
      if (this.counts[kind] !== announced) {
        this.issues.push({ line: 1, path: `counts.${kind}`, message: `the header announces ${announced} ${kind} lines but the file holds ${this.counts[kind]}: is it cut off?` });
      }
    }
  }
}
