/** Signals as OpenTelemetry metrics (Application Insights customMetrics), dimensions kept small and free of user data. */
import { metrics } from '@opentelemetry/api';
import type { Signals } from './signals';

/** The meter's name; the metrics below are `missingkbs.*`. */
export const METER_NAME = 'missingkbs-bot';

/** Counters and a histogram on the global meter provider (Azure Monitor's, once the distro started). */
export function meterSignals(): Signals {
  const meter = metrics.getMeter(METER_NAME);
  const commands = meter.createCounter('missingkbs.commands', {
    description: 'Commands answered, by kind and outcome',
  });
  const defender = meter.createHistogram('missingkbs.defender.duration', {
    description: 'Defender API answers, by status class',
    unit: 'ms',
  });
  const throttled = meter.createCounter('missingkbs.defender.throttled', { description: 'Defender 429 answers' });
  const alerts = meter.createCounter('missingkbs.alerts', { description: 'Alert deliveries, by outcome' });
  const signIns = meter.createCounter('missingkbs.signins', { description: 'Sign-ins, by method and outcome' });
  return {
    command: (kind, outcome) => commands.add(1, { kind, outcome }),
    defenderResponse: (status, durationMs) => {
      defender.record(durationMs, { status: `${Math.floor(status / 100)}xx` });
      if (status === 429) throttled.add(1);
    },
    alert: (outcome) => alerts.add(1, { outcome }),
    signIn: (method, outcome) => signIns.add(1, { method, outcome }),
  };
}
