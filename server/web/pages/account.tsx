/** Who is signed in, and their API tokens for scripts. */
import type { Issue } from '../../errors.js';
import type { listOwnTokens } from '../../services/accounts.js';
import { pages } from '../../urls.js';
import { CsrfField, ErrorSummary, Form, TextField } from '../forms.js';
import type { FormValues } from '../form-values.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';

export function AccountPage(props: {
  page: PageContext;
  tokens: ReturnType<typeof listOwnTokens>;
  values: FormValues;
  issues: readonly Issue[];
  /** A token just created: shown this once, never again. */
  created?: { label: string; token: string };
}) {
  const { page } = props;
  return (
    <Layout page={page} title="Your account">
      <h1>Your account</h1>
      <dl class="facts">
        <dt>Name</dt>
        <dd>{page.account?.name}</dd>
        <dt>Role</dt>
        <dd>{page.account?.role}</dd>
      </dl>
      <p>
        <a href={pages.password}>Change your password</a>
      </p>
      <h2>API tokens</h2>
      <p>A token lets a script use the API as you, with your role. It is shown once, when it is made.</p>
      {props.created && (
        <div class="notice" role="status">
          <p>
            New token "{props.created.label}": <code>{props.created.token}</code>
          </p>
          <p>Copy it now; Casebook keeps only its hash and cannot show it again.</p>
        </div>
      )}
      {props.tokens.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Made</th>
              <th scope="col">Expires</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {props.tokens.map((token) => (
              <tr>
                <td>{token.label}</td>
                <td>{token.createdAt.slice(0, 10)}</td>
                <td>{token.expiresAt?.slice(0, 16).replace('T', ' ') ?? 'never'}</td>
                <td>
                  {token.revokedAt ? (
                    `revoked ${token.revokedAt.slice(0, 10)}`
                  ) : (
                    <form method="post" action={`${pages.account}/tokens/${token.id}/revoke`}>
                      <CsrfField page={page} />
                      <button type="submit" class="secondary" aria-label={`Revoke token ${token.label}`}>
                        Revoke
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>New token</h3>
      <ErrorSummary issues={props.issues} fields={['label', 'expiresAt']} />
      <Form page={page} action={`${pages.account}/tokens`} submit="Make token">
        <TextField name="label" label="Label" values={props.values} issues={props.issues} hint="What the token is for, such as the script that uses it." required />
        <TextField name="expiresAt" label="Expires (optional)" type="datetime-local" values={props.values} issues={props.issues} hint="In UTC; empty for no expiry." />
      </Form>
    </Layout>
  );
}
