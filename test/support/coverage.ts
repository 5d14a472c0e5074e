/** Loaded by mocha in each parallel worker (.mocharc.json `require`). */
if (process.env.NODE_V8_COVERAGE && process.send) process.on('SIGTERM', () => undefined);
