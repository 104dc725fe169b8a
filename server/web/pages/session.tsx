/** Signing in, choosing a new password, and the page that says who is signed in. */
import type { Issue } from '../../errors.js';
import { pages } from '../../urls.js';
import { ErrorSummary, Form, TextField } from '../forms.js';
import type { FormValues } from '../form-values.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';

export function SignInPage({ page, values, problem, next }: { page: PageContext; values: FormValues; problem?: string; next: string }) {
  return (
    <Layout page={page} title="Sign in">
      <h1>Sign in</h1>
      {problem && (
        <div class="summary" role="alert">
          <p>{problem}</p>
        </div>
      )}
      <Form page={page} action={`${pages.signIn}?next=${encodeURIComponent(next)}`} submit="Sign in">
        <TextField name="name" label="Account name" values={values} issues={[]} autocomplete="username" required />
        <TextField name="password" label="Password" type="password" values={values} issues={[]} autocomplete="current-password" required />
      </Form>
    </Layout>
  );
}

export function PasswordPage({ page, issues, mustChange }: { page: PageContext; issues: readonly Issue[]; mustChange: boolean }) {
  const none: FormValues = {};
  return (
    <Layout page={page} title="Choose a new password">
      <h1>Choose a new password</h1>
      {mustChange && <p>Your password was given to you once; choose your own before you go on. Other sessions of yours will end.</p>}
      <ErrorSummary issues={issues} fields={['currentPassword', 'newPassword', 'newPasswordAgain']} />
      <Form page={page} action={pages.password} submit="Change password">
        <TextField name="currentPassword" label="Current password" type="password" values={none} issues={issues} autocomplete="current-password" required />
        <TextField
          name="newPassword"
          label="New password"
          type="password"
          values={none}
          issues={issues}
          autocomplete="new-password"
          hint="A long passphrase of several unrelated words is both strong and easy to remember."
          required
        />
        <TextField name="newPasswordAgain" label="New password again" type="password" values={none} issues={issues} autocomplete="new-password" required />
      </Form>
    </Layout>
  );
}
