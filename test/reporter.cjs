// mocha's spec reporter, closed by the plain "N passed, N failed" line that CI reads.
// CommonJS because mocha loads reporters with require().
const { reporters, Runner } = require('mocha');

class CasebookReporter extends reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      process.stdout.write(`\n${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}\n`);
    });
  }
}

module.exports = CasebookReporter;
