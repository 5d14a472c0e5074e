/** Fails a test run on any unhandled rejection or uncaught exception, wherever it comes from. */
import assert from 'node:assert/strict';

/** Installs the listeners for a describe block; after each test, asserts none fired. */
export function failOnUnhandled(): void {
  const seen: unknown[] = [];
  const record = (reason: unknown): void => {
    seen.push(reason);
  };
  before(() => {
    process.on('unhandledRejection', record);
    process.on('uncaughtExceptionMonitor', record);
  });
  after(() => {
    process.off('unhandledRejection', record);
    process.off('uncaughtExceptionMonitor', record);
  });
  afterEach(() => {
    const found = seen.splice(0);
    assert.deepEqual(found.map(String), [], 'no unhandled rejection or uncaught exception');
  });
}
