#!/usr/bin/env node
// The `workflow` command. Kept tiny: each command's module is imported only when it runs.
import { main } from '../dist/index.js';

// `workflow … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
// The command is done. Whatever a user's module left running (a timer, an await that never settles) must not keep
// `workflow` from exiting; the timer is unref'd, so it only fires when something else holds the process.
setTimeout(() => process.exit(), 100).unref();
