/**
 * Request and dependency telemetry carries no query string: /auth/callback's holds the authorization
 * code and state, /auth/start's the sign-in flow id, Defender's the user's search words. Paths stay
 * (Defender software ids are not secret). Headers are never recorded (no instrumentation is told to).
 */
import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';

type SpanProcessor = NonNullable<AzureMonitorOpenTelemetryOptions['spanProcessors']>[number];
type Attributes = Record<string, unknown>;

/** Attributes holding a URL or a path that may end with a query string (old and stable HTTP conventions). */
const URL_ATTRIBUTES = ['http.url', 'url.full', 'http.target'];
/** Attributes holding only the query string. */
const QUERY_ATTRIBUTES = ['url.query'];

/** A URL or path without its query string and fragment. */
export function withoutQuery(value: string): string {
  const at = value.search(/[?#]/);
  return at < 0 ? value : value.slice(0, at);
}

/** The attribute values to replace so that no query string is left; empty when there is none. */
export function redactions(attributes: Attributes): Attributes {
  const out: Attributes = {};
  for (const key of URL_ATTRIBUTES) {
    const value = attributes[key];
    if (typeof value === 'string' && /[?#]/.test(value)) out[key] = withoutQuery(value);
  }
  for (const key of QUERY_ATTRIBUTES) if (attributes[key]) out[key] = '';
  return out;
}

/**
 * Strips query strings from every span: at its start (before Live Metrics or any other processor
 * sees it) and again at its end, in case an instrumentation added one later.
 */
export const redactingProcessor: SpanProcessor = {
  onStart: (span) => {
    for (const [key, value] of Object.entries(redactions(span.attributes))) span.setAttribute(key, value as string);
  },
  onEnd: (span) => {
    // An ended span ignores setAttribute; its attributes object is still the one exporters read.
    Object.assign(span.attributes as Attributes, redactions(span.attributes));
  },
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};
