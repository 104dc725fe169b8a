import { start } from '../server/main.js';

try {
  const running = await start();
  console.log(`Casebook is running at ${running.url} with its data in ${running.config.dataDir}. Ctrl-C stops it.`);
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`Casebook could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
