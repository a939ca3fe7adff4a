#!/usr/bin/env node
/** @module The `gatehouse` executable. */

// The SDK warns about Node 20 on every run; it is not the user's concern here (see docs/dependencies.md).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// `gatehouse … | head` closes our stdout early: that is the reader's choice, not an error to report.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const { main } = await import('./program.js');
await main(process.argv);

// The command is over. Work it abandoned (after a fatal error: the region probe's other regions,
// their DNS lookups and retries) must not keep the process alive for seconds more: exit as soon as
// everything written to stdout and stderr has been handed to the OS.
const exitCode = process.exitCode;
let unflushed = 2;
const exitWhenFlushed = () => {
  unflushed -= 1;
  if (unflushed === 0) process.exit(exitCode);
};
process.stdout.write('', exitWhenFlushed);
process.stderr.write('', exitWhenFlushed);
