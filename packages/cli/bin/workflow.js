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
// The command is done. When nothing but settled output is left (no queued write, no child, socket, timer or file
// operation in flight), exit now: letting the event loop run dry would first run V8's idle-time garbage collection
// (10–20 ms after a compile) for a process that is about to end. A close in flight needs no waiting: exit closes it.
const settled = new Set(['CloseReq', 'PipeWrap', 'TTYWrap']);
if (
  process.stdout.writableLength === 0 &&
  process.stderr.writableLength === 0 &&
  process.getActiveResourcesInfo().every((resource) => settled.has(resource))
) {
  process.exit();
}
// Otherwise: whatever a user's module left running (a timer, an await that never settles) must not keep
// `workflow` from exiting; the timer is unref'd, so it only fires when something else holds the process.
setTimeout(() => process.exit(), 100).unref();
