/**
 * Loaded by mocha in each parallel worker (.mocharc.json `require`). Under c8 a worker asked to end writes
 * its V8 coverage as it exits, which takes seconds for a worker that loaded the whole app; workerpool
 * sends SIGTERM after one second, which would lose it. Such a worker ignores SIGTERM: it exits by itself.
 */
if (process.env.NODE_V8_COVERAGE && process.send) process.on('SIGTERM', () => undefined);
