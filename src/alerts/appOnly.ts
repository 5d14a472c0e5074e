/**
 * App-only reads for alerts, per organisation: each tenant's data is read with a token that tenant
 * issued, through a Defender client of its own (one per tenant, the least recently used forgotten
 * first), and only for tenants the bot serves.
 */
import type { MissingKbsResult } from '../defender/types';
import { AppError } from '../errors';
import { LruCache } from '../cache/lru';
import type { AppOnlySource } from './engine';

/** Reads one tenant's missing KBs with that tenant's app-only token. */
export interface AppOnlyClient {
  getMissingKbs(softwareId: string, signal?: AbortSignal): Promise<MissingKbsResult>;
}

/** What the reader is built from. */
export interface AppOnlyOptions {
  /** A client that reads `tenantId` with the token that tenant issues. */
  readonly clientFor: (tenantId: string) => AppOnlyClient;
  /** Whether the bot serves a tenant (production: ALLOWED_TENANTS and its own); others are never read. */
  readonly served: (tenantId: string) => boolean;
  /** Clients kept at most. Default 100. */
  readonly maxTenants?: number;
}

/** The AppOnlySource the poller and the webhook use. */
export function appOnlySource(options: AppOnlyOptions): AppOnlySource {
  const clients = new LruCache<string, AppOnlyClient>(options.maxTenants ?? 100);
  return (tenantId, softwareId, signal) => {
    const tenant = tenantId.toLowerCase();
    if (!options.served(tenant)) {
      return Promise.reject(new AppError('tenant-not-allowed', `tenant ${tenant} is not served`, { tenantId: tenant }));
    }
    let client = clients.get(tenant);
    if (!client) {
      client = options.clientFor(tenant);
      clients.set(tenant, client, Number.POSITIVE_INFINITY);
    }
    return client.getMissingKbs(softwareId, signal);
  };
}
