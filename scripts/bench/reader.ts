import { openDb } from '../../db/client.js';
import { createAccount, createToken } from '../../server/services/accounts.js';
import { asRole } from '../../server/viewer.js';

/** The bench reads as a researcher, through an API token made the way `npm run users -- token` makes one. */
export async function createReader(dbPath: string): Promise<Record<string, string>> {
  const db = openDb(dbPath);
  try {
    const ctx = { db, now: () => new Date() };
    const { account } = await createAccount(ctx, asRole('admin'), { name: 'bench', role: 'researcher' });
    const { token } = createToken(ctx, asRole('admin'), { label: 'bench', expiresAt: null }, account.id);
    return { authorization: `Bearer ${token}` };
  } finally {
    db.$client.close();
  }
}

