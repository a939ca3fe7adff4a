#!/usr/bin/env node
/** @module The `gatehouse` executable. */

// The SDK warns about Node 20 on every run; it is not the user's concern here (see docs/dependencies.md).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { main } = await import('./program.js');
await main(process.argv);
