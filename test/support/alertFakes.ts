/** In-memory stand-ins for the alerting contract (WatchList, ConversationDirectory, PostToConversation). */
import type { CheckResult, WatchList, WatchRecord } from '../../src/watches/types';
import type { ConversationDirectory, ConversationRecord } from '../../src/conversations/types';
import type { PostToConversation } from '../../src/alerts/types';
import { signNotify } from '../../src/webhook/signature';
import { targetKey, type PollTarget } from '../../src/watches/target';
import type { Locale } from '../../src/i18n';

/** Conversations kept in a Map; records every markInactive. */
export class FakeDirectory implements ConversationDirectory {
  readonly records = new Map<string, ConversationRecord>();
  readonly inactivated: { id: string; reason: string }[] = [];

  /** Adds an active conversation whose reference points at `serviceUrl` (of no tenant unless `tenantId` says). */
  add(id: string, options: { serviceUrl?: string; locale?: Locale; active?: boolean; tenantId?: string } = {}): this {
    this.records.set(id, {
      id,
      ...(options.tenantId ? { tenantId: options.tenantId } : {}),
      reference: {
        serviceUrl: options.serviceUrl ?? 'https://smba.trafficmanager.net/emea/',
        channelId: 'msteams',
        conversation: { id },
        bot: { id: '28:bot', name: 'Missing KBs' },
      },
      kind: 'channel',
      locale: options.locale ?? 'en',
      active: options.active ?? true,
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
    return this;
  }

  get(id: string): Promise<ConversationRecord | undefined> {
    return Promise.resolve(this.records.get(id));
  }

  markInactive(id: string, reason: string): Promise<void> {
    this.inactivated.push({ id, reason });
    const record = this.records.get(id);
    if (record) this.records.set(id, { ...record, active: false, inactiveReason: reason });
    return Promise.resolve();
  }
}

/** The tenant fakes use by default: demo mode's, whose conversations Teams gave no tenant. */
export const FAKE_TENANT = 'demo';

/** Watches kept in an array, each with its conversation's tenant; records every check. */
export class FakeWatchList implements WatchList {
  readonly watches: WatchRecord[] = [];
  readonly checks: { softwareId: string; tenantId: string; result: CheckResult }[] = [];

  watch(
    softwareId: string,
    conversationId: string,
    addedAt = '2026-11-01T00:00:00.000Z',
    tenantId = FAKE_TENANT,
  ): this {
    this.watches.push({ softwareId, conversationId, addedBy: { name: 'Analyst' }, addedAt, tenantId });
    return this;
  }

  watchedSoftware(): Promise<PollTarget[]> {
    const targets = this.watches.map((w) => ({ tenantId: w.tenantId ?? FAKE_TENANT, softwareId: w.softwareId }));
    return Promise.resolve([...new Map(targets.map((t) => [targetKey(t), t])).values()]);
  }

  watchersOf(softwareId: string): Promise<WatchRecord[]> {
    return Promise.resolve(this.watches.filter((w) => w.softwareId === softwareId));
  }

  recordCheck(target: PollTarget, result: CheckResult): Promise<void> {
    this.checks.push({ ...target, result });
    return Promise.resolve();
  }
}

/** A card posted by RecordingPoster. */
export interface Posted {
  readonly conversationId: string;
  readonly card: Record<string, unknown>;
}

/** A PostToConversation that records posts; `fail` may throw for chosen conversations. */
export class RecordingPoster {
  readonly posted: Posted[] = [];
  fail?: (conversationId: string, attempt: number) => Error | undefined;
  private readonly attempts = new Map<string, number>();

  readonly post: PostToConversation = (reference, card) => {
    const conversationId = (reference.conversation as { id: string }).id;
    const attempt = (this.attempts.get(conversationId) ?? 0) + 1;
    this.attempts.set(conversationId, attempt);
    const error = this.fail?.(conversationId, attempt);
    if (error) return Promise.reject(error);
    this.posted.push({ conversationId, card });
    return Promise.resolve();
  };

  to(conversationId: string): Posted[] {
    return this.posted.filter((p) => p.conversationId === conversationId);
  }
}

/** POSTs `body` to a bot's /api/notify signed with `secret` now; `headers` override the signed ones. */
export async function postNotify(
  baseUrl: string,
  secret: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: any }> {
  const ts = String(Math.floor(Date.now() / 1000));
  const res = await fetch(`${baseUrl}/api/notify`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-missingkbs-timestamp': ts,
      'x-missingkbs-signature': signNotify(secret, ts, body),
      ...headers,
    },
    body,
  });
  return { status: res.status, json: await res.json() };
}
