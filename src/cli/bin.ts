import { runCli } from './main.js';
import { createReporter, exitCodeFor } from './output.js';

// A reader that stops early (`kiln upgrade --sql | head`, a psql that stopped at an error) closes the
// pipe: that ends kiln's output, quietly, as it ends any Unix filter's; it is not a kiln failure to report.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

/**
 * The only place that sets exit codes: 0 done, 1 failure with a message, 2 usage; a command's
 * own verdict otherwise (`check`: 1 differences; `status`: 3 pending, 4 attention).
 */
const reporter = createReporter();
try {
  process.exitCode = await runCli(process.argv.slice(2), reporter);
} catch (error) {
  reporter.error(error);
  process.exitCode = exitCodeFor(error);
}
