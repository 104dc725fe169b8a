/**
 * What signing in shares between the API and the web pages: the session cookie's options and the
 * failed-sign-in limits, made once per app so that alternating between the two doubles nothing.
 */
import type { CookieOptions, Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../errors.js';
import { SESSION_HOURS } from '../services/sessions.js';

export interface SignInLimits {
  /** Failed sign-ins allowed per client address per 15 minutes. */
  readonly perAddress: number;
  /** Failed sign-ins allowed per account name per 15 minutes. */
  readonly perAccount: number;
}

export function sessionCookieOptions(req: Request): CookieOptions {
  // Secure whenever the request arrived over TLS (directly or, with CASEBOOK_TRUST_PROXY, through a proxy).
  return { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', maxAge: SESSION_HOURS * 3_600_000 };
}

const tooMany = () =>
  new AppError(429, 'too-many-requests', 'Too many failed sign-ins', 'Too many failed sign-ins; wait 15 minutes before trying again.');

/** The per-address and per-account limiters, to run (in that order) before a sign-in is tried; a success does not count. */
export function signInLimiters(limits: SignInLimits): RequestHandler[] {
  const common = { windowMs: 15 * 60_000, skipSuccessfulRequests: true, standardHeaders: 'draft-8' as const, legacyHeaders: false, handler: (_req: Request, _res: unknown, next: (error: unknown) => void) => next(tooMany()) };
  const perAddress = rateLimit({ ...common, limit: limits.perAddress });
  const perAccount = rateLimit({
    ...common,
    limit: limits.perAccount,
    // Runs before the schema, on whatever was sent: String() of a deeply nested array overflows the stack, and of
    // {"toString":1} throws, both 500s. Anything but a string shares one key; the schema then refuses it.
    keyGenerator: (req) => {
      const name = (req.body as { name?: unknown } | undefined)?.name;
      return `account:${typeof name === 'string' ? name.toLowerCase().slice(0, 200) : ''}`;
    },
  });
  return [perAddress, perAccount];
}
