/**
 * The bot's own measurements, reported by the parts that know them (commands, the Defender client,
 * alert delivery, sign-in). No-ops unless telemetry started: a call then costs one empty function call.
 */
export interface Signals {
  /** A command answered: its kind and outcome (`ok`, or the error code its card shows). */
  command(kind: string, outcome: string): void;
  /** One HTTP answer from Defender: its status and how long it took (429s are counted on their own). */
  defenderResponse(status: number, durationMs: number): void;
  /** One alert delivery: sent, skipped, gone, failed or retry. */
  alert(outcome: string): void;
  /** One sign-in: how (sso, consent) and its outcome. */
  signIn(method: string, outcome: string): void;
}

const NONE: Signals = {
  command: () => undefined,
  defenderResponse: () => undefined,
  alert: () => undefined,
  signIn: () => undefined,
};

let current: Signals = NONE;

/** Where to report measurements now (no-ops while telemetry is off). */
export function signals(): Signals {
  return current;
}

/** Telemetry started: measurements go to `next` from now on (`undefined`: back to no-ops). */
export function setSignals(next: Signals | undefined): void {
  current = next ?? NONE;
}
