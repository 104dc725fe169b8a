/** Admin: accounts and roles, and the audit trail with the verification of its hash chain. */
import type { Issue } from '../../errors.js';
import type { listAccounts } from '../../services/accounts.js';
import type { listAuditEntries, verifyAuditTrail } from '../../services/audit.js';
import { pages } from '../../urls.js';
import { Pager } from '../components.js';
import { CsrfField, ErrorSummary, Form, Select, TextField, vocabularyChoices } from '../forms.js';
import type { FormValues } from '../form-values.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';

export function UsersPage(props: { page: PageContext; accounts: ReturnType<typeof listAccounts>; values: FormValues; issues: readonly Issue[]; oneTime?: { name: string; password: string } }) {
  const { page } = props;
  const roles = vocabularyChoices('userRoles');
  return (
    <Layout page={page} title="Users">
      <h1>Users and roles</h1>
      {props.oneTime && (
        <div class="notice" role="status">
          <p>
            One-time password for {props.oneTime.name}: <code>{props.oneTime.password}</code>
          </p>
          <p>Give it to them in person or over a safe channel; they must choose their own at first sign-in. It is not shown again.</p>
        </div>
      )}
      <div class="scroll">
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role and state</th>
              <th scope="col">Password</th>
            </tr>
          </thead>
          <tbody>
            {props.accounts.map((account) => (
              <tr>
                <td>
                  {account.name}
                  {account.mustChangePassword && <div class="muted">has not chosen a password yet</div>}
                </td>
                <td>
                  <form method="post" action={`${pages.users}/${account.id}`} class="inline">
                    <CsrfField page={page} />
                    <div class="field">
                      <label for={`role-${account.id}`}>Role</label>
                      <select id={`role-${account.id}`} name="role">
                        {roles.map((role) => (
                          <option value={role.value} selected={role.value === account.role}>
                            {role.value}
                          </option>
                        ))}
                      </select>
                    </div>
                    <label>
                      <input type="checkbox" name="disabled" value="true" checked={account.disabled} /> disabled
                    </label>
                    <button type="submit" class="secondary" aria-label={`Save role and state of ${account.name}`}>
                      Save
                    </button>
                  </form>
                </td>
                <td>
                  <form method="post" action={`${pages.users}/${account.id}/password-reset`}>
                    <CsrfField page={page} />
                    <button type="submit" class="secondary" aria-label={`Reset the password of ${account.name}`}>
                      Reset password
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>New account</h2>
      <ErrorSummary issues={props.issues} fields={['name', 'role']} />
      <Form page={page} action={pages.users} submit="Create account">
        <TextField name="name" label="Account name" values={props.values} issues={props.issues} required hint="Letters, digits, dots, hyphens and underscores." />
        <Select name="role" label="Role" values={props.values} issues={props.issues} choices={roles} />
      </Form>
    </Layout>
  );
}

export function AuditPage(props: { page: PageContext; chain: ReturnType<typeof verifyAuditTrail>; entries: ReturnType<typeof listAuditEntries>; next: string | null; query: Record<string, string | string[]> }) {
  const { chain } = props;
  return (
    <Layout page={props.page} title="Audit trail">
      <h1>Audit trail</h1>
      {chain.intact ? (
        <div class="notice" role="status">
          <p>
            The hash chain is intact: all {chain.entries} entries verified. Head <code>{chain.head.slice(0, 16)}…</code>
          </p>
        </div>
      ) : (
        <div class="summary" role="alert">
          <p>
            The hash chain is broken at entry {chain.brokenAt}: {chain.reason}. {chain.entries} entries before it verified.
          </p>
        </div>
      )}
      <div class="scroll">
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Record</th>
              <th scope="col">Hash</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((entry) => (
              <tr>
                <td data-label="Entry">{entry.id}</td>
                <td data-label="When">{entry.at.replace('T', ' ').slice(0, 19)}</td>
                <td data-label="Who">{entry.actor.name}</td>
                <td data-label="What">{entry.action}</td>
                <td data-label="Record">
                  {entry.record.kind} {entry.record.id ?? ''}
                </td>
                <td data-label="Hash" class="mono">{entry.hash.slice(0, 12)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager path={pages.audit} query={props.query} next={props.next} />
    </Layout>
  );
}
