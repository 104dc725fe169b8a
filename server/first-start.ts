/**
 * On an empty database, the first start creates an admin and shows its one-time password on the
 * controlling terminal only: never stdout or stderr, which may be redirected to a log file.
 * Without a terminal no account is made, and the log says how to make one.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Logger } from 'pino';
import { countUsers } from '../db/queries/accounts.js';
import { createAccount } from './services/accounts.js';
import type { ServiceContext } from './services/context.js';
import { asRole } from './viewer.js';

export const FIRST_ADMIN = 'admin';

/** Writes to the controlling terminal; false when there is none. */
export type Terminal = (text: string) => boolean;

export const controllingTerminal: Terminal = (text) => {
  let fd: number | undefined;
  try {
    fd = openSync('/dev/tty', 'w');
    writeSync(fd, text);
    return true;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
};

export async function ensureFirstAdmin(ctx: ServiceContext, logger: Logger, terminal: Terminal): Promise<void> {
  if (countUsers(ctx.db) > 0) return;
  if (!terminal('')) {
    logger.warn(`No account exists and no terminal is attached to show a password. Create the first admin with: npm run users -- add <name> --role admin`);
    return;
  }
  const { oneTimePassword } = await createAccount(ctx, asRole('admin'), { name: FIRST_ADMIN, role: 'admin' });
  terminal(
    `\nFirst start: created the account "${FIRST_ADMIN}" (admin). Its one-time password, shown only here, once:\n\n    ${oneTimePassword}\n\n` +
      `Sign in with it (POST /api/v1/session) and choose a new password (POST /api/v1/session/password).\n\n`,
  );
  logger.info({ account: FIRST_ADMIN }, 'first start: created the first admin account; its one-time password was shown on the terminal only');
}
