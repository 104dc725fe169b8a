/**
 * Whether Casebook can accept work now: the database takes a write, the evidence folder takes a
 * file, and the disk has more than the minimum free. Each probe leaves nothing behind.
 */
import { probeWritable } from '../../db/client.js';
import type { EvidenceStore } from '../evidence/store.js';
import type { ServiceContext } from './context.js';
import { freeBytes, type FreeSpace } from './free-space.js';

export interface ReadinessContext extends ServiceContext {
  readonly store: EvidenceStore;
  readonly freeSpace: FreeSpace;
}

export const READINESS_CHECKS = ['database', 'evidence', 'diskSpace'] as const;
export type ReadinessCheck = (typeof READINESS_CHECKS)[number];

export interface Readiness {
  readonly ready: boolean;
  readonly checks: Record<ReadinessCheck, 'ok' | 'failing'>;
  /** Why each failing check failed, for the log only: the errors name paths. */
  readonly causes: Partial<Record<ReadinessCheck, unknown>>;
}

export async function checkReadiness(ctx: ReadinessContext): Promise<Readiness> {
  const probes: Record<ReadinessCheck, () => Promise<void>> = {
    database: async () => probeWritable(ctx.db),
    evidence: () => ctx.store.probeWritable(),
    diskSpace: async () => {
      if ((await freeBytes(ctx.freeSpace)) < ctx.freeSpace.minFreeBytes) throw new Error(`less than ${ctx.freeSpace.minFreeBytes} bytes free`);
    },
  };
  const checks = {} as Record<ReadinessCheck, 'ok' | 'failing'>;
  const causes: Partial<Record<ReadinessCheck, unknown>> = {};
  for (const name of READINESS_CHECKS) {
    try {
      await probes[name]();
      checks[name] = 'ok';
    } catch (error) {
      checks[name] = 'failing';
      causes[name] = error;
    }
  }
  return { ready: Object.keys(causes).length === 0, checks, causes };
}
