import { runCli } from './main.js';
import { createReporter, exitCodeFor } from './output.js';

/** The only place that sets exit codes: 0 done, 1 failure with a message, 2 usage. */
const reporter = createReporter();
try {
  process.exitCode = await runCli(process.argv.slice(2), reporter);
} catch (error) {
  reporter.error(error);
  process.exitCode = exitCodeFor(error);
}
