import { hash, verify } from '@node-rs/argon2';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { randomBytes } from 'node:crypto';

export const MIN_PASSWORD_LENGTH = 12;

// The dictionaries take some 25 MB: loaded on the first password change, not at start.
let strength: Promise<ZxcvbnFactory> | undefined;

function strengthChecker(): Promise<ZxcvbnFactory> {
  strength ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) => new core.ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs }),
  );
  return strength;
}

/** argon2id (the library's default algorithm) with its defaults m=19 MiB, t=2, p=1: OWASP's recommended minimum. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the account does not exist makes a wrong name cost as long as a wrong password.
const decoy = hashPassword(randomBytes(16).toString('hex'));

export async function spendVerificationTime(password: string): Promise<void> {
  await verifyPassword(await decoy, password);
}

/** Why a password is refused, or null. Never repeats the password. */
export async function weakPasswordReason(password: string, userInputs: string[]): Promise<string | null> {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 1000) return 'must be at most 1000 characters';
  const result = (await strengthChecker()).check(password, [...userInputs, 'casebook']);
  if (result.score < 3) return 'is too easy to guess (a common password, a name, a keyboard pattern or a repetition); use a longer passphrase';
  return null;
}

/** A one-time password for a new or reset account: 20 random characters, to be changed at first sign-in. */
export function oneTimePassword(): string {
  return randomBytes(15).toString('base64url');
}
