/** Creating and changing an incident: vocabulary act types, an EDTF date explained, a count range. */
import type { Issue } from '../../errors.js';
import type { getIncident } from '../../services/incidents.js';
import { EDTF_EXAMPLES } from '../../values/edtf-date.js';
import { pageCollection, pageRecord } from '../../urls.js';
import { Checkboxes, ErrorSummary, Form, Select, TextArea, TextField, vocabularyChoices, type Choice } from '../forms.js';
import { idsOf, many, one, rangeOf, type FormValues } from '../form-values.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';

const FIELDS = ['title', 'summary', 'actTypes', 'date', 'locations', 'victims.min', 'victims.max'];

export function incidentValues(incident: ReturnType<typeof getIncident>): FormValues {
  return {
    title: incident.title,
    summary: incident.summary,
    actTypes: incident.actTypes,
    date: incident.date,
    locations: incident.locations.map((place) => String(place.id)),
    'victims.min': incident.victims ? String(incident.victims.min) : '',
    'victims.max': incident.victims?.max === null || !incident.victims ? '' : String(incident.victims.max),
  };
}

/** The request body (server/schemas/incidents.ts) the form stands for. */
export function incidentBody(values: FormValues) {
  return {
    title: one(values, 'title'),
    summary: one(values, 'summary'),
    actTypes: many(values, 'actTypes'),
    date: one(values, 'date'),
    locations: idsOf(many(values, 'locations')),
    victims: rangeOf(one(values, 'victims.min'), one(values, 'victims.max')),
  };
}

export function DateHint() {
  return (
    <>
      An EDTF date: as precise as the sources are, no more. Examples: {EDTF_EXAMPLES}. After saving, the page shows the span of days it
      stands for.
    </>
  );
}

export function IncidentFormPage({ page, id, values, issues, locations }: { page: PageContext; id?: number; values: FormValues; issues: readonly Issue[]; locations: readonly Choice[] }) {
  const title = id === undefined ? 'New incident' : `Edit incident ${id}`;
  return (
    <Layout page={page} title={title}>
      <p class="muted">
        <a href={pageCollection('incidents')}>Incidents</a>
        {id !== undefined && (
          <>
            {' › '}
            <a href={pageRecord('incidents', id)}>incident {id}</a>
          </>
        )}
      </p>
      <h1>{title}</h1>
      <ErrorSummary issues={issues} fields={FIELDS} />
      <Form page={page} action={id === undefined ? `${pageCollection('incidents')}/new` : `${pageRecord('incidents', id)}/edit`} submit="Save incident">
        <TextField name="title" label="Title" values={values} issues={issues} required />
        <TextArea name="summary" label="Summary" values={values} issues={issues} hint="What happened, in the words of the sources. Protected persons' names are replaced by pseudonyms for readers without clearance." />
        <Checkboxes name="actTypes" label="Act types" values={values} issues={issues} choices={vocabularyChoices('actTypes')} hint="At least one." />
        <TextField name="date" label="Date" values={values} issues={issues} hint={<DateHint />} required />
        <Select name="locations" label="Places" values={values} issues={issues} choices={locations} multiple hint="Hold Ctrl (or Cmd) to choose more than one." />
        <fieldset>
          <legend>Victims (a range: "at least 100" is a minimum of 100 and no maximum)</legend>
          <div class="inline">
            <TextField name="victims.min" label="At least" type="number" values={values} issues={issues} />
            <TextField name="victims.max" label="At most (empty: no upper bound)" type="number" values={values} issues={issues} />
          </div>
        </fieldset>
      </Form>
    </Layout>
  );
}
