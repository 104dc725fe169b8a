/** The frame of a record list: title, "new" link for writers, a small filter form, data links, the table, the pager. */
import type { ComponentChildren } from 'preact';
import type { Issue } from '../../errors.js';
import { DataLinks, Pager } from '../components.js';
import { ErrorSummary } from '../forms.js';
import type { FormValues } from '../form-values.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';

export function ListPage(props: {
  page: PageContext;
  title: string;
  path: string;
  newHref?: string;
  filters: ComponentChildren;
  filterFields: readonly string[];
  issues: readonly Issue[];
  links: readonly { href: string; label: string }[];
  query: Record<string, string | string[]>;
  next: string | null;
  empty: boolean;
  children: ComponentChildren;
}) {
  return (
    <Layout page={props.page} title={props.title}>
      <h1>{props.title}</h1>
      {props.newHref && (
        <p class="actions">
          <a class="button" href={props.newHref}>
            New
          </a>
        </p>
      )}
      <form method="get" action={props.path} class="no-print" aria-label={`Filter ${props.title.toLowerCase()}`}>
        <ErrorSummary issues={props.issues} fields={props.filterFields} heading="Check the filters" />
        <div class="inline">
          {props.filters}
          <button type="submit">Filter</button>
        </div>
      </form>
      <DataLinks links={props.links} />
      {props.empty ? <p>Nothing matches.</p> : props.children}
      <Pager path={props.path} query={props.query} next={props.next} />
    </Layout>
  );
}

/** The query without its cursor, as the filter form's values. */
export function filterValues(query: Record<string, string | string[]>): FormValues {
  return Object.fromEntries(Object.entries(query).filter(([key]) => key !== 'cursor'));
}
