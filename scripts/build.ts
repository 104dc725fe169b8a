/**
 * `npm run build`: what `npm start` and the bench run, in dist/. Each runnable entry point is
 * bundled by esbuild with the libraries it uses into one file, plus chunks they share. Node 20's
 * ESM loader resolves, reads and compiles some 500 module files one at a time: a quarter of a
 * second before any command could begin, which was the whole of a 0.5 GB public bundle's lag
 * behind zip. Bundled, the same command starts in half the time. Types are checked by
 * `npm run typecheck` (and `npm test`), not here; esbuild compiles the TypeScript as tsx does.
 *
 * dist/ is flat, so the modules that find files beside themselves through import.meta.url find
 * them whichever chunk esbuild puts them in: ./migrations (db/client.ts), ./assets/
 * (server/web/routes.tsx), ./entries-worker.js (server/search/entries-thread.ts).
 */
import { build } from 'esbuild';
import { cpSync, rmSync } from 'node:fs';

const dist = 'dist';

rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: {
    start: 'scripts/start.ts',
    export: 'scripts/export.ts',
    import: 'scripts/import.ts',
    'bench-serve': 'scripts/bench/serve.ts',
    'entries-worker': 'server/search/entries-worker.ts',
  },
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Native addons, found by their packages at run time.
  external: ['better-sqlite3', '@node-rs/argon2'],
  // The CommonJS libraries bundled here require Node's built-in modules, which an ES module
  // can only do through a require of its own (esbuild's advice for bundling them as ESM).
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
cpSync('db/migrations', `${dist}/migrations`, { recursive: true });
cpSync('server/web/assets', `${dist}/assets`, { recursive: true });
