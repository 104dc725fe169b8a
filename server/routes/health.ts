/**
 * Probes for a service manager or load balancer, open to anyone: `/healthz` (the process serves
 * HTTP) and `/readyz` (it can accept work). Bodies say which check failed and never why in
 * detail: the causes name paths, so they go to the log only.
 */
import { Router } from 'express';
import { AppError } from '../errors.js';
import { checkReadiness, READINESS_CHECKS, type ReadinessCheck, type ReadinessContext } from '../services/readiness.js';
import type { RouteContext } from './resource.js';

export const HEALTH_PATHS = ['/healthz', '/readyz'];

const failureText: Record<ReadinessCheck, string> = {
  database: 'the database does not take writes',
  evidence: 'the evidence folder does not take new files',
  diskSpace: 'free disk space is below the configured minimum',
};

export function healthRoutes({ ctx: base, logger }: RouteContext, probes: Pick<ReadinessContext, 'store' | 'freeSpace'>): Router {
  const ctx: ReadinessContext = { ...base, ...probes };
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'up' });
  });

  router.get('/readyz', async (_req, res) => {
    const { ready, checks, causes } = await checkReadiness(ctx);
    res.set('Cache-Control', 'no-store');
    if (ready) {
      res.json({ status: 'ready', checks });
      return;
    }
    const failing = READINESS_CHECKS.filter((name) => checks[name] === 'failing');
    logger.warn({ failing: Object.fromEntries(failing.map((name) => [name, String(causes[name])])) }, 'not ready');
    throw new AppError(503, 'not-ready', 'Not ready', `Casebook cannot accept work now: ${failing.map((name) => failureText[name]).join('; ')}.`, { checks });
  });

  return router;
}
