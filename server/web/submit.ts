import type { Request, Response } from 'express';
import type { VNode } from 'preact';
import type { z } from 'zod';
import { ValidationError, type Issue } from '../errors.js';
import { parseOrThrow } from '../schemas/common.js';
import type { Viewer } from '../viewer.js';
import { formValues, type FormValues } from './form-values.js';
import { seeOther, sendHtml } from './render.js';

export interface FormSubmission<S extends z.ZodType> {
  /** The API's request schema for this write: the page checks exactly what the API checks. */
  readonly schema: S;
  readonly body: (values: FormValues) => unknown;
  /** The one service call; returns where to go next. */
  readonly save: (viewer: Viewer, input: z.output<S>) => string | Promise<string>;
  /** The form again, with the user's input and the issues next to their fields. */
  readonly again: (values: FormValues, issues: readonly Issue[]) => VNode;
}

/**
 * Handles a form's POST: parse with the schema, save through the service, then 303 to the saved
 * record; a validation failure, from the schema or the service, shows the form again with 400
 * and nothing saved (the services write in one transaction).
 */
export async function submitForm<S extends z.ZodType>(req: Request, res: Response, submission: FormSubmission<S>): Promise<void> {
  const values = formValues(req.body);
  try {
    const input = parseOrThrow(submission.schema, submission.body(values));
    seeOther(res, await submission.save(res.locals.viewer as Viewer, input));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    sendHtml(res, submission.again(values, error.issues), 400);
  }
}
