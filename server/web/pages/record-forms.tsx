/**
 * Forms for persons, organisations, places, sources, alternative names, posts, involvements and
 * citations: each a page, the values it starts from, and the request body it stands for.
 */
import type { ComponentChildren } from 'preact';
import type { Issue } from '../../errors.js';
import { EDTF_EXAMPLES } from '../../values/edtf-date.js';
import { Checkbox, ErrorSummary, Form, Select, TextArea, TextField, vocabularyChoices, type Choice } from '../forms.js';
import { numberOf, one, textOrNull, type FormValues } from '../form-values.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';

export interface FormPageProps {
  readonly page: PageContext;
  readonly title: string;
  readonly action: string;
  readonly values: FormValues;
  readonly issues: readonly Issue[];
  /** Records a select offers, by field name. */
  readonly choices?: Readonly<Record<string, readonly Choice[]>>;
  /** Whether the form creates a record (some fields are only given at creation). */
  readonly creating: boolean;
}

function FormFrame({ props, fields, children }: { props: FormPageProps; fields: readonly string[]; children: ComponentChildren }) {
  return (
    <Layout page={props.page} title={props.title}>
      <h1>{props.title}</h1>
      <ErrorSummary issues={props.issues} fields={fields} />
      <Form page={props.page} action={props.action} submit="Save">
        {children}
      </Form>
    </Layout>
  );
}

const NEW_NAMES = 3;

/** Rows for alternative names given with a new record (names.0.name, names.0.kind, names.0.language). */
function NewAlternativeNames({ values, issues }: { values: FormValues; issues: readonly Issue[] }) {
  return (
    <fieldset>
      <legend>Alternative names (spellings, other scripts, call signs)</legend>
      {Array.from({ length: NEW_NAMES }, (_, index) => (
        <div class="inline">
          <TextField name={`names.${index}.name`} label={`Name ${index + 1}`} values={values} issues={issues} paths={[`alternativeNames.${index}.name`]} />
          <Select name={`names.${index}.kind`} label="Kind" values={values} issues={issues} paths={[`alternativeNames.${index}.kind`]} choices={vocabularyChoices('alternativeNameKinds')} />
          <TextField name={`names.${index}.language`} label="Language" values={values} issues={issues} paths={[`alternativeNames.${index}.language`]} hint="ru, en, ce…" />
        </div>
      ))}
    </fieldset>
  );
}

function newNamesOf(values: FormValues) {
  return Array.from({ length: NEW_NAMES }, (_, index) => ({
    name: one(values, `names.${index}.name`),
    kind: one(values, `names.${index}.kind`),
    language: textOrNull(one(values, `names.${index}.language`)),
  })).filter((name) => name.name.trim() !== '');
}

const choicesOf = (props: FormPageProps, name: string) => props.choices?.[name] ?? [];

export function PersonForm(props: FormPageProps) {
  const { values, issues } = props;
  return (
    <FormFrame props={props} fields={['name', 'protection', 'description', 'pseudonymKind', 'alternativeNames']}>
      <TextField name="name" label="Name" values={values} issues={issues} required hint="The real name. For a protected person only admins and researchers ever see it." />
      <Select name="protection" label="Protection" values={values} issues={issues} choices={vocabularyChoices('protections')} hint="Victims and witnesses are protected by default." />
      {props.creating && <Select name="pseudonymKind" label="Pseudonym letter" values={values} issues={issues} choices={vocabularyChoices('pseudonymKinds')} />}
      <TextArea name="description" label="Description" values={values} issues={issues} />
      {props.creating && <NewAlternativeNames values={values} issues={issues} />}
    </FormFrame>
  );
}

export function personBody(values: FormValues, creating: boolean) {
  return {
    name: one(values, 'name'),
    protection: one(values, 'protection'),
    description: one(values, 'description'),
    ...(creating && { pseudonymKind: one(values, 'pseudonymKind'), alternativeNames: newNamesOf(values) }),
  };
}

export function OrganisationForm(props: FormPageProps) {
  const { values, issues } = props;
  return (
    <FormFrame props={props} fields={['name', 'kind', 'parent', 'description', 'alternativeNames']}>
      <TextField name="name" label="Name" values={values} issues={issues} required />
      <Select name="kind" label="Kind" values={values} issues={issues} choices={vocabularyChoices('organisationKinds')} />
      <Select name="parent" label="Part of" values={values} issues={issues} choices={choicesOf(props, 'parent')} empty="nothing" />
      <TextArea name="description" label="Description" values={values} issues={issues} />
      {props.creating && <NewAlternativeNames values={values} issues={issues} />}
    </FormFrame>
  );
}

export function organisationBody(values: FormValues, creating: boolean) {
  return {
    name: one(values, 'name'),
    kind: one(values, 'kind'),
    parent: numberOf(one(values, 'parent')) ?? null,
    description: one(values, 'description'),
    ...(creating && { alternativeNames: newNamesOf(values) }),
  };
}

export function LocationForm(props: FormPageProps) {
  const { values, issues } = props;
  return (
    <FormFrame props={props} fields={['name', 'kind', 'parent', 'point', 'description', 'alternativeNames']}>
      <TextField name="name" label="Name" values={values} issues={issues} required />
      <Select name="kind" label="Kind" values={values} issues={issues} choices={vocabularyChoices('locationKinds')} />
      <Select name="parent" label="Inside" values={values} issues={issues} choices={choicesOf(props, 'parent')} empty="nothing" />
      <fieldset>
        <legend>Point (WGS84; leave all three empty for none)</legend>
        <div class="inline">
          <TextField name="latitude" label="Latitude" type="number" values={values} issues={issues} paths={['point.latitude']} />
          <TextField name="longitude" label="Longitude" type="number" values={values} issues={issues} paths={['point.longitude']} />
          <TextField name="precisionMeters" label="Within (metres)" type="number" values={values} issues={issues} paths={['point.precisionMeters']} />
        </div>
      </fieldset>
      <TextArea name="description" label="Description" values={values} issues={issues} />
      {props.creating && <NewAlternativeNames values={values} issues={issues} />}
    </FormFrame>
  );
}

export function locationBody(values: FormValues, creating: boolean) {
  const point = ['latitude', 'longitude', 'precisionMeters'].map((name) => one(values, name));
  return {
    name: one(values, 'name'),
    kind: one(values, 'kind'),
    parent: numberOf(one(values, 'parent')) ?? null,
    point: point.every((text) => text.trim() === '') ? null : { latitude: numberOf(point[0]!), longitude: numberOf(point[1]!), precisionMeters: numberOf(point[2]!) },
    description: one(values, 'description'),
    ...(creating && { alternativeNames: newNamesOf(values) }),
  };
}

export function SourceForm(props: FormPageProps) {
  const { values, issues } = props;
  const grades = vocabularyChoices('reliabilityGrades').map((grade) => ({ value: grade.value, label: `${grade.value}: ${grade.label}` }));
  return (
    <FormFrame props={props} fields={['kind', 'title', 'publisher', 'author', 'url', 'published', 'language', 'reliability', 'restricted', 'repeats', 'archiveUrl', 'notes']}>
      <Select name="kind" label="Kind" values={values} issues={issues} choices={vocabularyChoices('sourceKinds')} />
      <TextField name="title" label="Title" values={values} issues={issues} required />
      <TextField name="publisher" label="Publisher" values={values} issues={issues} />
      <TextField name="author" label="Author" values={values} issues={issues} />
      <TextField name="url" label="Address (URL)" type="url" values={values} issues={issues} />
      <TextField name="published" label="Published (EDTF)" values={values} issues={issues} hint={`Examples: ${EDTF_EXAMPLES}.`} />
      <TextField name="language" label="Language" values={values} issues={issues} hint="A language tag: ru, en, ce." />
      <Select name="reliability" label="Reliability (Admiralty scale)" values={values} issues={issues} choices={grades} />
      <Checkbox name="restricted" label="Restricted (a fugitive's testimony): withheld from journalists and public exports" values={values} issues={issues} />
      <Select name="repeats" label="Relays (repeats) another source" values={values} issues={issues} choices={choicesOf(props, 'repeats')} empty="no: an original" />
      <TextField name="archiveUrl" label="Archived copy (URL)" type="url" values={values} issues={issues} />
      <TextArea name="notes" label="Notes" values={values} issues={issues} />
    </FormFrame>
  );
}

export function sourceBody(values: FormValues) {
  return {
    kind: one(values, 'kind'),
    title: one(values, 'title'),
    publisher: textOrNull(one(values, 'publisher')),
    author: textOrNull(one(values, 'author')),
    url: textOrNull(one(values, 'url')),
    published: textOrNull(one(values, 'published')),
    language: textOrNull(one(values, 'language')),
    reliability: one(values, 'reliability'),
    restricted: one(values, 'restricted') === 'true',
    repeats: numberOf(one(values, 'repeats')) ?? null,
    archiveUrl: textOrNull(one(values, 'archiveUrl')),
    notes: one(values, 'notes'),
  };
}

export function AlternativeNameForm(props: FormPageProps) {
  const { values, issues } = props;
  return (
    <FormFrame props={props} fields={['name', 'kind', 'language', 'person', 'organisation', 'location']}>
      {props.creating && ['person', 'organisation', 'location'].map((owner) => one(values, owner) && <input type="hidden" name={owner} value={one(values, owner)} />)}
      <TextField name="name" label="Name" values={values} issues={issues} required />
      <Select name="kind" label="Kind" values={values} issues={issues} choices={vocabularyChoices('alternativeNameKinds')} />
      <TextField name="language" label="Language" values={values} issues={issues} hint="A language tag: ru, en, ce, ru-Latn." />
    </FormFrame>
  );
}

export function alternativeNameBody(values: FormValues, creating: boolean) {
  const owner = (name: string) => numberOf(one(values, name));
  return {
    name: one(values, 'name'),
    kind: one(values, 'kind'),
    language: textOrNull(one(values, 'language')),
    ...(creating && Object.fromEntries(['person', 'organisation', 'location'].flatMap((name) => (owner(name) === undefined ? [] : [[name, owner(name)]])))),
  };
}

export function PostForm(props: FormPageProps) {
  const { values, issues } = props;
  return (
    <FormFrame props={props} fields={['person', 'organisation', 'role', 'period']}>
      <Select name="person" label="Person" values={values} issues={issues} choices={choicesOf(props, 'person')} empty="choose" />
      <Select name="organisation" label="Organisation" values={values} issues={issues} choices={choicesOf(props, 'organisation')} empty="choose" />
      <TextField name="role" label="Role" values={values} issues={issues} required hint="Head, deputy head, commander…" />
      <TextField name="period" label="Period (EDTF)" values={values} issues={issues} hint={`Empty if unknown. Examples: ${EDTF_EXAMPLES}.`} />
    </FormFrame>
  );
}

export function postBody(values: FormValues) {
  return { person: numberOf(one(values, 'person')), organisation: numberOf(one(values, 'organisation')), role: one(values, 'role'), period: textOrNull(one(values, 'period')) };
}

export function InvolvementForm(props: FormPageProps) {
  const { values, issues } = props;
  return (
    <FormFrame props={props} fields={['incident', 'person', 'organisation', 'role', 'description']}>
      {props.creating && (
        <>
          <Select name="incident" label="Incident" values={values} issues={issues} choices={choicesOf(props, 'incident')} empty="choose" />
          <p class="hint">Choose a person or an organisation, not both.</p>
          <Select name="person" label="Person" values={values} issues={issues} choices={choicesOf(props, 'person')} empty="none" />
          <Select name="organisation" label="Organisation" values={values} issues={issues} choices={choicesOf(props, 'organisation')} empty="none" />
        </>
      )}
      <Select name="role" label="Role in the incident" values={values} issues={issues} choices={vocabularyChoices('involvementRoles')} />
      <TextArea name="description" label="Description" values={values} issues={issues} />
    </FormFrame>
  );
}

export function involvementBody(values: FormValues, creating: boolean) {
  return {
    ...(creating && { incident: numberOf(one(values, 'incident')), person: numberOf(one(values, 'person')), organisation: numberOf(one(values, 'organisation')) }),
    role: one(values, 'role'),
    description: one(values, 'description'),
  };
}

export function CitationForm(props: FormPageProps & { claimLabel?: string }) {
  const { values, issues } = props;
  const credibility = vocabularyChoices('credibilityGrades').map((grade) => ({ value: grade.value, label: `${grade.value}: ${grade.label}` }));
  return (
    <FormFrame props={props} fields={['source', 'claim', 'locator', 'quote', 'stance', 'credibility']}>
      {props.creating && (
        <>
          <p>
            Citing <strong>{props.claimLabel ?? `${one(values, 'claimKind')} ${one(values, 'claimId')}`}</strong>
          </p>
          <input type="hidden" name="claimKind" value={one(values, 'claimKind')} />
          <input type="hidden" name="claimId" value={one(values, 'claimId')} />
        </>
      )}
      <Select name="source" label="Source" values={values} issues={issues} choices={choicesOf(props, 'source')} empty="choose" />
      <TextField name="locator" label="Where in the source" values={values} issues={issues} hint="Page, paragraph or timestamp." />
      <TextArea name="quote" label="Quote" values={values} issues={issues} hint="The source's exact words." />
      <Select name="stance" label="Stance" values={values} issues={issues} choices={vocabularyChoices('stances')} hint="An official denial disputes the claim." />
      <Select name="credibility" label="Credibility of this information" values={values} issues={issues} choices={credibility} />
    </FormFrame>
  );
}

export function citationBody(values: FormValues, creating: boolean) {
  return {
    source: numberOf(one(values, 'source')),
    ...(creating && { claim: { kind: one(values, 'claimKind'), id: numberOf(one(values, 'claimId')) } }),
    locator: one(values, 'locator'),
    quote: one(values, 'quote'),
    stance: one(values, 'stance'),
    credibility: numberOf(one(values, 'credibility')),
  };
}
