/** Records what the code reports through signals() (src/telemetry/signals.ts) while a test runs. */
import { setSignals } from '../../src/telemetry/signals';

/** Starts recording each call as `name arg arg...`; call the returned stop (in afterEach) to go back to no-ops. */
export function recordSignals(): { calls: string[]; stop: () => void } {
  const calls: string[] = [];
  const note =
    (name: string) =>
    (...args: unknown[]): void => {
      calls.push([name, ...args.map(String)].join(' '));
    };
  setSignals({
    command: note('command'),
    defenderResponse: (status) => calls.push(`defenderResponse ${status}`),
    alert: note('alert'),
    signIn: note('signIn'),
  });
  return { calls, stop: () => setSignals(undefined) };
}
