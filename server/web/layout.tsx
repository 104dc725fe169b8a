import type { ComponentChildren } from 'preact';
import { canManageAccounts } from '../viewer.js';
import { pageCollection, pages } from '../urls.js';
import type { PageContext } from './page-context.js';
import { CsrfField } from './forms.js';

const sections: readonly { href: string; label: string }[] = [
  { href: pageCollection('incidents'), label: 'Incidents' },
  { href: pages.search, label: 'Search' },
  { href: pages.timeline, label: 'Timeline' },
  { href: pages.map, label: 'Map' },
  { href: pageCollection('persons'), label: 'Persons' },
  { href: pageCollection('organisations'), label: 'Organisations' },
  { href: pageCollection('locations'), label: 'Places' },
  { href: pageCollection('sources'), label: 'Sources' },
  { href: pageCollection('evidence'), label: 'Evidence' },
  { href: pages.exports, label: 'Exports' },
];

const adminSections = [
  { href: pages.users, label: 'Users' },
  { href: pages.audit, label: 'Audit trail' },
];

function current(page: PageContext, href: string): boolean {
  return page.path === href || page.path.startsWith(`${href}/`);
}

function Navigation({ page }: { page: PageContext }) {
  const all = canManageAccounts(page.viewer) ? [...sections, ...adminSections] : sections;
  return (
    <nav aria-label="Sections">
      <ul>
        {all.map((section) => (
          <li>
            <a href={section.href} aria-current={current(page, section.href) ? 'page' : undefined}>
              {section.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export interface LayoutProps {
  readonly page: PageContext;
  readonly title: string;
  readonly children: ComponentChildren;
  /** Scripts served by Casebook (under /assets), each a small enhancement the page works without. */
  readonly scripts?: readonly string[];
}

/** Every page's frame: landmarks, a skip link, the sections and who is signed in. */
export function Layout({ page, title, children, scripts = [] }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${title} · Casebook`}</title>
        <link rel="stylesheet" href={`${pages.assets}/casebook.css`} />
        {scripts.map((script) => (
          <script src={`${pages.assets}/${script}`} defer />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <a class="brand" href={pages.home}>
            Casebook
          </a>
          {page.account && <Navigation page={page} />}
          {page.account && (
            <div class="who">
              <span>
                Signed in as <a href={pages.account}>{page.account.name}</a> ({page.account.role})
              </span>
              <form method="post" action={pages.signOut}>
                <CsrfField page={page} />
                <button type="submit">Sign out</button>
              </form>
            </div>
          )}
        </header>
        <main id="main">{children}</main>
        <footer>Casebook · documentation of human-rights incidents. Every statement carries its sources.</footer>
      </body>
    </html>
  );
}
