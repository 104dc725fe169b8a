/**
 * The new and edit pages of a kind of record, wired the same way for every kind: GET shows the
 * form (edit: filled from the record as this viewer reads it), POST parses with the API's schema,
 * saves through the service and goes to the saved record, or shows the form again with 400.
 */
import type { Request, Response, Router } from 'express';
import type { VNode } from 'preact';
import type { z } from 'zod';
import { requireRole } from '../auth/middleware.js';
import { recordId, viewerOf, type RouteContext } from '../routes/resource.js';
import { pageCollection, pageRecord, type ResourcePath } from '../urls.js';
import { canWriteRecords, type Viewer } from '../viewer.js';
import type { Choice } from './forms.js';
import { formValues, type FormValues } from './form-values.js';
import { pageContext } from './page-context.js';
import type { FormPageProps } from './pages/record-forms.js';
import { sendHtml } from './render.js';
import { submitForm } from './submit.js';

export interface RecordFormSpec<C extends z.ZodType, U extends z.ZodType> {
  readonly resource: ResourcePath;
  readonly noun: string;
  readonly form: (props: FormPageProps) => VNode;
  readonly choices?: (viewer: Viewer) => Record<string, readonly Choice[]>;
  readonly body: (values: FormValues, creating: boolean) => unknown;
  /** The values an edit form starts from. */
  readonly valuesOf: (viewer: Viewer, id: number) => FormValues;
  readonly create?: { readonly schema: C; readonly save: (viewer: Viewer, input: z.output<C>) => string };
  readonly update: { readonly schema: U; readonly save: (viewer: Viewer, id: number, input: z.output<U>) => string };
}

export function addRecordForms<C extends z.ZodType, U extends z.ZodType>(router: Router, { logger }: RouteContext, spec: RecordFormSpec<C, U>): void {
  const writer = requireRole(canWriteRecords, 'change records', logger);
  const base = pageCollection(spec.resource);
  const show = (req: Request, res: Response, id: number | undefined, values: FormValues, issues: FormPageProps['issues']) =>
    spec.form({
      page: pageContext(req, res),
      title: id === undefined ? `New ${spec.noun}` : `Edit ${spec.noun} ${id}`,
      action: id === undefined ? `${base}/new` : `${pageRecord(spec.resource, id)}/edit`,
      values,
      issues,
      choices: spec.choices?.(viewerOf(res)),
      creating: id === undefined,
    });

  const create = spec.create;
  if (create) {
    // A new record's form may start from the query string: "cite this" names the claim, "add a post" the person.
    router.get(`${base}/new`, writer, (req, res) => sendHtml(res, show(req, res, undefined, formValues(req.query), [])));
    router.post(`${base}/new`, writer, (req, res) =>
      submitForm(req, res, { schema: create.schema, body: (values) => spec.body(values, true), save: create.save, again: (values, issues) => show(req, res, undefined, values, issues) }),
    );
  }
  router.get(`${base}/:id/edit`, writer, (req, res) => {
    const id = recordId(req, spec.noun);
    sendHtml(res, show(req, res, id, spec.valuesOf(viewerOf(res), id), []));
  });
  router.post(`${base}/:id/edit`, writer, (req, res) => {
    const id = recordId(req, spec.noun);
    return submitForm(req, res, {
      schema: spec.update.schema,
      body: (values) => spec.body(values, false),
      save: (viewer, input) => spec.update.save(viewer, id, input),
      again: (values, issues) => show(req, res, id, values, issues),
    });
  });
}
