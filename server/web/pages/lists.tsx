/** The frame of a record list: title, "new" link for writers, a small filter form, data links, the table, the pager. */
import type { ComponentChildren } from 'preact';
import type { Issue } from '../../errors.js';
import type { VocabularyName } from '../../../db/vocabularies.js';
import { apiCollection, pageCollection, withQuery, type ResourcePath } from '../../urls.js';
import { DataLinks, labelOf, Pager, RecordLink } from '../components.js';
import { ErrorSummary, Select, TextField, vocabularyChoices } from '../forms.js';
import type { FormValues } from '../form-values.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';

/** What a route hands every list page. */
export interface RecordListProps<T> {
  page: PageContext;
  items: readonly T[];
  next: string | null;
  query: Record<string, string | string[]>;
  issues: readonly Issue[];
  canWrite: boolean;
}

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

/** Organisations and places: each has a name, a kind and the record it sits in, filtered alike. */
export function NestedRecordListPage(
  props: RecordListProps<{ id: number; name: string; kind: string; parent: { name: string | null } | null }> & {
    resource: ResourcePath;
    title: string;
    kinds: VocabularyName;
    /** How a record reads beside its parent: "in" a district, "part of" a ministry. */
    within: string;
  },
) {
  const values = filterValues(props.query);
  return (
    <ListPage
      page={props.page}
      title={props.title}
      path={pageCollection(props.resource)}
      newHref={props.canWrite ? `${pageCollection(props.resource)}/new` : undefined}
      filters={
        <>
          <TextField name="name" label="Name or alternative name" type="search" values={values} issues={props.issues} />
          <Select name="kind" label="Kind" values={values} issues={props.issues} choices={vocabularyChoices(props.kinds)} empty="any" />
        </>
      }
      filterFields={['name', 'kind']}
      issues={props.issues}
      links={[{ href: withQuery(apiCollection(props.resource), props.query), label: 'JSON' }]}
      query={props.query}
      next={props.next}
      empty={props.items.length === 0}
    >
      <ul class="plain">
        {props.items.map((record) => (
          <li>
            <RecordLink resource={props.resource} id={record.id}>
              {record.name}
            </RecordLink>{' '}
            <span class="muted">
              {labelOf(props.kinds, record.kind)}
              {record.parent && ` · ${props.within} ${record.parent.name}`}
            </span>
          </li>
        ))}
      </ul>
    </ListPage>
  );
}
