/**
 * `npm run demo`: loads the founding case into an empty database, under the same settings as
 * `npm start` (CASEBOOK_DATA_DIR and the rest). Refuses a database that already holds incidents,
 * so it can never mix demo records into real work.
 */
import { mkdirSync } from 'node:fs';
import { openDb } from '../db/client.js';
import { loadConfig } from '../server/config.js';
import { ValidationError } from '../server/errors.js';
import type { ServiceContext } from '../server/services/context.js';
import { summariseIncidentSelection } from '../server/services/incidents.js';
import { apiCollection } from '../server/urls.js';
import { asRole } from '../server/viewer.js';
import { loadFoundingCase } from './demo/founding-case.js';

function main(): number {
  const config = loadConfig(process.env);
  mkdirSync(config.dataDir, { recursive: true });
  const db = openDb(config.dbPath);
  try {
    const ctx: ServiceContext = { db, now: () => new Date() };
    const viewer = asRole('researcher');
    const existing = summariseIncidentSelection(ctx, viewer, {}).incidents;
    if (existing > 0) {
      console.error(
        `${config.dbPath} already holds ${existing} incidents; the demo loads only into an empty database; point CASEBOOK_DATA_DIR at a new folder.`,
      );
      return 1;
    }
    console.log(`Loading the founding case into ${config.dbPath}`);
    const n = loadFoundingCase(ctx, viewer);
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    console.log(
      [
        '',
        `Loaded the founding case: ${n.sources} source, ${n.locations} locations, ${n.organisations} organisations, ${n.persons} persons ` +
          `(${n.alternativeNames} alternative names across places, bodies and persons), ${n.posts} posts, ${n.incidents} incidents, ` +
          `${n.involvements} involvements, ${n.supportingCitations + n.disputingCitations} citations ` +
          `(${n.supportingCitations} supporting, ${n.disputingCitations} disputing).`,
        '',
        'Start the server with the same settings (npm start) and look at',
        `  http://${host}:${config.port}${apiCollection('incidents')}`,
      ].join('\n'),
    );
    return 0;
  } finally {
    db.$client.close();
  }
}

try {
  process.exitCode = main();
} catch (error) {
  console.error('The demo could not load the founding case; none of it was written.');
  if (error instanceof ValidationError) {
    for (const issue of error.issues) console.error(`  ${issue.path || '(body)'}: ${issue.message}`);
  } else {
    console.error(error instanceof Error ? error.message : String(error));
  }
  process.exitCode = 1;
}
