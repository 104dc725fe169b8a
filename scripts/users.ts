/**
 * `npm run users -- <command>`: accounts from the command line, acting as an admin. One-time
 * passwords and tokens go to stdout, alone on their line, so a script can capture them; every
 * other message goes to stderr.
 */
import { Command, InvalidArgumentError } from 'commander';
import { mkdirSync } from 'node:fs';
import { openDb, type Db } from '../db/client.js';
import { findUserByName, listUsers } from '../db/queries/accounts.js';
import { codesOf } from '../db/vocabularies.js';
import { loadConfig } from '../server/config.js';
import { AppError, ValidationError } from '../server/errors.js';
import { userCreate } from '../server/schemas/accounts.js';
import { parseOrThrow } from '../server/schemas/common.js';
import { createAccount, createToken, resetPassword, updateAccount } from '../server/services/accounts.js';
import type { ServiceContext } from '../server/services/context.js';
import { asRole, type Role } from '../server/viewer.js';

const commandLine = asRole('admin');

function withDb<T>(work: (ctx: ServiceContext) => T | Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  mkdirSync(config.dataDir, { recursive: true });
  const db: Db = openDb(config.dbPath);
  return Promise.resolve(work({ db, now: () => new Date() })).finally(() => db.$client.close());
}

function accountId(ctx: ServiceContext, name: string): number {
  const user = findUserByName(ctx.db, name);
  if (!user) throw new AppError(404, 'not-found', 'Not found', `There is no account named ${name}; see npm run users -- list.`);
  return user.id;
}

function role(value: string): Role {
  const roles: readonly string[] = codesOf('userRoles');
  if (!roles.includes(value)) throw new InvalidArgumentError(`choose one of ${roles.join(', ')}`);
  return value as Role;
}

function expiry(value: string): string {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new InvalidArgumentError('give an ISO 8601 date or date-time, e.g. 2027-01-31');
  return at.toISOString();
}

const program = new Command('users').description('Manage Casebook accounts (acts as an admin; every change is audited).');

program
  .command('add <name>')
  .description('create an account; prints its one-time password, which must be changed at first sign-in')
  .requiredOption('--role <role>', 'admin, researcher or journalist', role)
  .action((name: string, options: { role: Role }) =>
    withDb(async (ctx) => {
      const { account, oneTimePassword } = await createAccount(ctx, commandLine, parseOrThrow(userCreate, { name, role: options.role }));
      console.error(`Created ${account.role} account ${account.name}. One-time password (shown once):`);
      console.log(oneTimePassword);
    }),
  );

program
  .command('list')
  .description('list accounts')
  .action(() =>
    withDb((ctx) => {
      for (const user of listUsers(ctx.db)) {
        const state = user.disabled ? 'disabled' : user.mustChangePassword ? 'must change password' : 'active';
        console.log(`${user.name.padEnd(24)} ${user.role.padEnd(11)} ${state}`);
      }
    }),
  );

for (const [command, disabled] of [['disable', true], ['enable', false]] as const) {
  program
    .command(`${command} <name>`)
    .description(disabled ? 'disable an account and end its sessions (its tokens stop working too)' : 'enable a disabled account')
    .action((name: string) =>
      withDb((ctx) => {
        updateAccount(ctx, commandLine, accountId(ctx, name), { disabled });
        console.error(`Account ${name} ${disabled ? 'disabled' : 'enabled'}.`);
      }),
    );
}

program
  .command('reset <name>')
  .description('replace the password with a one-time password and end all sessions of the account')
  .action((name: string) =>
    withDb(async (ctx) => {
      const { oneTimePassword } = await resetPassword(ctx, commandLine, accountId(ctx, name));
      console.error(`New one-time password for ${name} (shown once):`);
      console.log(oneTimePassword);
    }),
  );

program
  .command('token <name>')
  .description('create an API token for the account; prints it alone on stdout, once')
  .option('--label <label>', 'what the token is for', 'command line')
  .option('--expires <date>', 'when it stops working (ISO 8601)', expiry)
  .action((name: string, options: { label: string; expires?: string }) =>
    withDb((ctx) => {
      const { token, id } = createToken(ctx, commandLine, { label: options.label, expiresAt: options.expires ?? null }, accountId(ctx, name));
      console.error(`Token ${id} for ${name}; send it as "Authorization: Bearer <token>":`);
      console.log(token);
    }),
  );

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof ValidationError) {
    console.error(`Refused: ${error.issues.map((issue) => `${issue.path || 'input'} ${issue.message}`).join('; ')}`);
  } else {
    console.error(error instanceof Error ? error.message : String(error));
  }
  process.exitCode = 1;
}
