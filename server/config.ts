import { z } from 'zod';
import { resolve } from 'node:path';

const configSchema = z.object({
  /** Folder holding the SQLite file (casebook.db) and the evidence store (evidence/). Created on first start. */
  CASEBOOK_DATA_DIR: z.string().min(1).default('./data'),
  /** Address to listen on. Loopback by default: put a TLS proxy in front before exposing Casebook. */
  CASEBOOK_HOST: z.string().min(1).default('127.0.0.1'),
  /** Port to listen on. */
  CASEBOOK_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Express "trust proxy": false, true, a hop count or addresses. Set it behind a TLS proxy so cookies are marked Secure. */
  CASEBOOK_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value): boolean | number | string => (value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value)),
  /** Largest evidence file accepted, in bytes (default 1 GiB). */
  CASEBOOK_MAX_UPLOAD_BYTES: z.coerce.number().int().min(1).default(1024 ** 3),
  /** Most bytes an imported bundle may unpack to, all its files together (default 64 GiB): past it, a zip bomb. */
  CASEBOOK_MAX_BUNDLE_BYTES: z.coerce.number().int().min(1).default(64 * 1024 ** 3),
  /** Free disk space (bytes) below which uploads and imports are refused with 507 and /readyz fails (default 512 MiB). */
  CASEBOOK_MIN_FREE_BYTES: z.coerce.number().int().min(0).default(512 * 1024 ** 2),
  /** pino log level: fatal, error, warn, info, debug, trace or silent. */
  CASEBOOK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  readonly dataDir: string;
  readonly dbPath: string;
  /** The evidence store: <dataDir>/evidence. */
  readonly evidenceDir: string;
  readonly maxUploadBytes: number;
  readonly maxBundleBytes: number;
  readonly minFreeBytes: number;
  readonly host: string;
  readonly port: number;
  readonly logLevel: z.infer<typeof configSchema>['CASEBOOK_LOG_LEVEL'];
  readonly trustProxy: boolean | number | string;
}

/** Reads the settings once, at start; an invalid value stops the start with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid settings:\n${lines.join('\n')}`);
  }
  const dataDir = resolve(parsed.data.CASEBOOK_DATA_DIR);
  return Object.freeze({
    dataDir,
    dbPath: resolve(dataDir, 'casebook.db'),
    evidenceDir: resolve(dataDir, 'evidence'),
    maxUploadBytes: parsed.data.CASEBOOK_MAX_UPLOAD_BYTES,
    maxBundleBytes: parsed.data.CASEBOOK_MAX_BUNDLE_BYTES,
    minFreeBytes: parsed.data.CASEBOOK_MIN_FREE_BYTES,
    host: parsed.data.CASEBOOK_HOST,
    port: parsed.data.CASEBOOK_PORT,
    logLevel: parsed.data.CASEBOOK_LOG_LEVEL,
    trustProxy: parsed.data.CASEBOOK_TRUST_PROXY,
  });
}
