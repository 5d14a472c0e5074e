/** A stand-in of Azure Monitor's ingestion API over HTTPS (the test CA): */
import type http from 'node:http';
import { readBody, type Started } from './http';
import { startHttps } from './tls';

/** One telemetry item as the exporter sends it. */
export interface Envelope {
  readonly name: string;
  readonly iKey?: string;
  readonly time?: string;
  readonly tags?: Record<string, string>;
  readonly data?: { readonly baseType?: string; readonly baseData?: Record<string, any> };
}

/** Breeze envelope names of the item kinds the bot sends. */
export const ENVELOPE = {
  request: 'Microsoft.ApplicationInsights.Request',
  dependency: 'Microsoft.ApplicationInsights.RemoteDependency',
  metric: 'Microsoft.ApplicationInsights.Metric',
  event: 'Microsoft.ApplicationInsights.Event',
} as const;

/** The stand-in: what it received, and the connection string that points an exporter at it. */
export class FakeIngestion {
  readonly envelopes: Envelope[] = [];
  /** Raw bodies as received, to search for anything secret. */
  readonly bodies: string[] = [];
  /** Requests to any other path (live metrics pings, for one). */
  readonly others: string[] = [];

  private constructor(private readonly started: Started) {}

  static async start(): Promise<FakeIngestion> {
    const holder: { self?: FakeIngestion } = {};
    const started = await startHttps((req, res) => void holder.self?.handle(req, res));
    holder.self = new FakeIngestion(started);
    return holder.self;
  }

  get url(): string {
    return this.started.url;
  }

  /** A connection string for instrumentation key `iKey` with this stand-in as its ingestion endpoint. */
  connectionString(iKey: string): string {
    return `InstrumentationKey=${iKey};IngestionEndpoint=${this.url}/`;
  }

  close(): Promise<void> {
    return this.started.close();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const text = await readBody(req);
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || !/^\/+v2(\.1)?\/track$/.test(path)) {
      this.others.push(`${req.method} ${req.url}`);
      res.writeHead(404).end();
      return;
    }
    // A JSON array, uncompressed: what the pinned exporter sends.
    this.bodies.push(text);
    const items = JSON.parse(text) as Envelope[];
    this.envelopes.push(...items);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
  }
}
