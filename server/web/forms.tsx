/**
 * Form parts. Every field has a label, its hint and its errors tied to it (aria-describedby), and
 * keeps what the user typed when the form comes back with errors.
 */
import type { ComponentChildren } from 'preact';
import { vocabularies, type VocabularyName } from '../../db/vocabularies.js';
import type { Issue } from '../errors.js';
import { issuesFor, many, one, type FormValues } from './form-values.js';
import type { PageContext } from './page-context.js';

export function CsrfField({ page }: { page: PageContext }) {
  return page.csrfToken ? <input type="hidden" name="_csrf" value={page.csrfToken} /> : null;
}

interface FieldBase {
  readonly name: string;
  readonly label: string;
  readonly values: FormValues;
  readonly issues: readonly Issue[];
  /** The schema path(s) whose issues belong to this field, when they differ from its name. */
  readonly paths?: readonly string[];
  readonly hint?: ComponentChildren;
  readonly required?: boolean;
}

const idOf = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

function Described({ name, hint, errors, children }: { name: string; hint?: ComponentChildren; errors: Issue[]; children: ComponentChildren }) {
  return (
    <>
      {hint && (
        <p class="hint" id={`${idOf(name)}-hint`}>
          {hint}
        </p>
      )}
      {errors.map((issue, index) => (
        <p class="error" id={`${idOf(name)}-error-${index}`}>
          Error: {issue.message}
        </p>
      ))}
      {children}
    </>
  );
}

function describedBy(name: string, hint: unknown, errors: Issue[]): string | undefined {
  const ids = [...(hint ? [`${idOf(name)}-hint`] : []), ...errors.map((_, index) => `${idOf(name)}-error-${index}`)];
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function errorsOf(field: FieldBase): Issue[] {
  return issuesFor(field.issues, ...(field.paths ?? [field.name]));
}

export function TextField(field: FieldBase & { type?: 'text' | 'password' | 'number' | 'url' | 'search' | 'datetime-local'; autocomplete?: string; lang?: string }) {
  const errors = errorsOf(field);
  return (
    <div class={errors.length ? 'field invalid' : 'field'}>
      <label for={idOf(field.name)}>{field.label}</label>
      <Described name={field.name} hint={field.hint} errors={errors}>
        <input
          id={idOf(field.name)}
          name={field.name}
          // Preact's types tie input attributes to one literal type at a time; the union is fine at run time.
          type={(field.type ?? 'text') as 'text'}
          value={field.type === 'password' ? '' : one(field.values, field.name)}
          required={field.required}
          autocomplete={field.autocomplete}
          aria-invalid={errors.length ? 'true' : undefined}
          aria-describedby={describedBy(field.name, field.hint, errors)}
          {...(field.type === 'number' && { step: 'any' })}
        />
      </Described>
    </div>
  );
}

export function TextArea(field: FieldBase & { rows?: number }) {
  const errors = errorsOf(field);
  return (
    <div class={errors.length ? 'field invalid' : 'field'}>
      <label for={idOf(field.name)}>{field.label}</label>
      <Described name={field.name} hint={field.hint} errors={errors}>
        <textarea
          id={idOf(field.name)}
          name={field.name}
          rows={field.rows ?? 5}
          required={field.required}
          aria-invalid={errors.length ? 'true' : undefined}
          aria-describedby={describedBy(field.name, field.hint, errors)}
        >
          {one(field.values, field.name)}
        </textarea>
      </Described>
    </div>
  );
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

export function vocabularyChoices(vocabulary: VocabularyName): Choice[] {
  return vocabularies[vocabulary].map((term) => ({ value: term.code, label: term.label }));
}

export function Select(field: FieldBase & { choices: readonly Choice[]; multiple?: boolean; empty?: string }) {
  const errors = errorsOf(field);
  const chosen = new Set(many(field.values, field.name));
  return (
    <div class={errors.length ? 'field invalid' : 'field'}>
      <label for={idOf(field.name)}>{field.label}</label>
      <Described name={field.name} hint={field.hint} errors={errors}>
        <select
          id={idOf(field.name)}
          name={field.name}
          multiple={field.multiple}
          size={field.multiple ? Math.min(8, Math.max(3, field.choices.length)) : undefined}
          required={field.required}
          aria-invalid={errors.length ? 'true' : undefined}
          aria-describedby={describedBy(field.name, field.hint, errors)}
        >
          {field.empty !== undefined && <option value="">{field.empty}</option>}
          {field.choices.map((choice) => (
            <option value={choice.value} selected={chosen.has(choice.value)}>
              {choice.label}
            </option>
          ))}
        </select>
      </Described>
    </div>
  );
}

function ChoiceGroup(field: FieldBase & { choices: readonly Choice[]; type: 'checkbox' | 'radio' }) {
  const errors = errorsOf(field);
  const chosen = new Set(many(field.values, field.name));
  return (
    <fieldset id={idOf(field.name)} class={errors.length ? 'field invalid' : 'field'} aria-describedby={describedBy(field.name, field.hint, errors)}>
      <legend>{field.label}</legend>
      <Described name={field.name} hint={field.hint} errors={errors}>
        <div class="checks">
          {field.choices.map((choice) => (
            <label>
              <input type={field.type} name={field.name} value={choice.value} checked={chosen.has(choice.value)} /> {choice.label}
            </label>
          ))}
        </div>
      </Described>
    </fieldset>
  );
}

/** A group of checkboxes (several of a vocabulary) or one checkbox (a yes/no field). */
export function Checkboxes(field: FieldBase & { choices: readonly Choice[] }) {
  return <ChoiceGroup {...field} type="checkbox" />;
}

/** One of a few choices, all in sight (a select hides them). */
export function Radios(field: FieldBase & { choices: readonly Choice[] }) {
  return <ChoiceGroup {...field} type="radio" />;
}

export function Checkbox(field: FieldBase) {
  const errors = errorsOf(field);
  return (
    <div class={errors.length ? 'field invalid' : 'field'}>
      <Described name={field.name} hint={field.hint} errors={errors}>
        <label>
          <input type="checkbox" name={field.name} value="true" checked={one(field.values, field.name) === 'true'} aria-describedby={describedBy(field.name, field.hint, errors)} />{' '}
          {field.label}
        </label>
      </Described>
    </div>
  );
}

/** Every issue at the top of the form, so a screen reader hears them first; each links to its field where there is one. */
export function ErrorSummary({ issues, fields, heading = 'Nothing was saved' }: { issues: readonly Issue[]; fields: readonly string[]; heading?: string }) {
  if (issues.length === 0) return null;
  const fieldOf = (issue: Issue) => fields.find((name) => issue.path === name || issue.path.startsWith(`${name}.`));
  return (
    <div class="summary" role="alert" tabindex={-1} id="problems">
      <h2>
        {heading}: {issues.length === 1 ? 'one problem' : `${issues.length} problems`}</h2>
      <ul>
        {issues.map((issue) => {
          const field = fieldOf(issue);
          const label = issue.path || 'the form';
          return <li>{field ? <a href={`#${idOf(field)}`}>{`${label}: ${issue.message}`}</a> : `${label}: ${issue.message}`}</li>;
        })}
      </ul>
    </div>
  );
}

export function Form({ page, action, children, submit, enctype }: { page: PageContext; action: string; children: ComponentChildren; submit: string; enctype?: string }) {
  return (
    <form class="record" method="post" action={action} enctype={enctype} novalidate>
      {/* A multipart form carries the token in its action's query string (checked before the file is read); as a field too, the upload's strict schema would refuse it. */}
      {enctype !== 'multipart/form-data' && <CsrfField page={page} />}
      {children}
      <button type="submit">{submit}</button>
    </form>
  );
}
