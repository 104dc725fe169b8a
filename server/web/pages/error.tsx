import { pages } from '../../urls.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';

/** An error in words. The detail comes from AppError, whose messages name no protected person and repeat no input. */
export function ErrorPage({ page, status, title, detail }: { page: PageContext; status: number; title: string; detail: string }) {
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p>{detail}</p>
      <p class="muted">HTTP status {status}.</p>
      <p>
        <a href={pages.home}>Back to the start</a>
      </p>
    </Layout>
  );
}
