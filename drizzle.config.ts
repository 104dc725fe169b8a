import { defineConfig } from 'drizzle-kit';

// generate only: `push` would try to drop tables drizzle does not know about (FTS, later).
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/migrations',
});
