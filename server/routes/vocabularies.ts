import { Router } from 'express';
import { vocabularies } from '../../db/vocabularies.js';

export function vocabularyRoutes(): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(vocabularies);
  });
  return router;
}
