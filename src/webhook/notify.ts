/**
 * POST /api/notify, without HTTP types: a signed call from a Sentinel playbook, Logic App or script
 * asks for an alert about one software id. Refusals (401, 400, 413) have no effect; a valid call
 * reads the current missing KBs app-only, once per tenant of the active watchers of the id with that
 * tenant's own token, and posts each tenant's card to that tenant's watchers only; when none watches,
 * to the default SOC conversation, read in the bot's own tenant.
 */
import { checkSoftwareId } from '../commands/softwareId';
import { toAppError } from '../errors';
import type { Logger } from '../log';
import type { AppStorage } from '../storage/types';
import type { SendOutcome } from '../alerts/outbox';
import type { AppOnlySource } from '../alerts/engine';
import { statePayload } from '../alerts/payload';
import { NOTIFY_WINDOW_SECONDS, checkSignature } from './signature';
import { digest } from '../alerts/snapshots';
import { tenantOf } from '../conversations/tenant';
import type { ConversationDirectory } from '../conversations/types';
import type { WatchList } from '../watches/types';

/** Largest body accepted, checked before parsing. */
export const NOTIFY_MAX_BODY_BYTES = 16 * 1024;
/** Longest `message` accepted (characters). */
export const MAX_NOTIFY_MESSAGE_LENGTH = 1000;
/** A replay claim outlives its request's window by this much, as instances' clocks may differ a little. */
const CLAIM_CLOCK_MARGIN_MS = 60_000;

/** A webhook call as the HTTP layer read it. */
export interface NotifyCall {
  readonly timestamp?: string;
  readonly signature?: string;
  readonly rawBody: Buffer;
}

/** The answer to send. */
export interface NotifyAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** What the webhook works with. */
export interface NotifyOptions {
  readonly secret: string;
  /** Used signatures are claimed here (atomic create), so a replay is refused by every instance. */
  readonly store: AppStorage;
  readonly source: AppOnlySource;
  readonly watches: WatchList;
  readonly conversations: ConversationDirectory;
  readonly send: (entry: {
    tenantId: string;
    conversationId: string;
    softwareId: string;
    payload: ReturnType<typeof statePayload>;
  }) => Promise<SendOutcome>;
  /** SOC_CONVERSATION_ID: where alerts go when nobody watches the id. */
  readonly socConversationId?: string;
  /** The bot's own tenant, whose data the SOC conversation gets. */
  readonly homeTenantId: string;
  /** The tenant of conversations Teams gave none for (demo mode only). */
  readonly fallbackTenantId?: string;
  readonly logger: Logger;
  readonly clock?: () => number;
}

/** Handles webhook calls. */
export class NotifyService {
  /** Replay claims this instance made, deleted once their request's timestamp is outside the window. */
  private claims: { key: string; expiresAt: number }[] = [];

  constructor(private readonly options: NotifyOptions) {}

  /** Checks, then acts on one call. */
  async handle(call: NotifyCall): Promise<NotifyAnswer> {
    const { options } = this;
    const now = (options.clock ?? Date.now)();
    const check = checkSignature(options.secret, call, call.rawBody, now);
    if (!check.ok) {
      options.logger.warn('alerts.notify_refused', { status: 401, reason: check.reason });
      return { status: 401, body: { error: 'unauthorized' } };
    }
    const parsed = parseBody(call.rawBody);
    if ('error' in parsed) {
      options.logger.warn('alerts.notify_refused', { status: 400, reason: parsed.error });
      return { status: 400, body: { error: parsed.error } };
    }
    await this.sweep(now);
    // Keyed on the HMAC itself (one per timestamp and body), not on how the header spelled it; kept
    // until the request's own timestamp leaves the window, after which the signature check refuses it.
    const claim = `alerts/notify/${digest(check.digest, 40)}`;
    const expiresAt = (check.timestamp + NOTIFY_WINDOW_SECONDS) * 1000 + CLAIM_CLOCK_MARGIN_MS;
    if (!(await options.store.create(claim, { at: now, expiresAt }))) {
      options.logger.warn('alerts.notify_refused', { status: 401, reason: 'replayed signature' });
      return { status: 401, body: { error: 'unauthorized' } };
    }
    this.claims.push({ key: claim, expiresAt });
    return this.act(parsed.softwareId, parsed.message, now);
  }

  /**
   * Reads the id in each watching tenant with that tenant's token and posts to its watchers. The answer
   * gives the KB count of the bot's own tenant only: the caller is not told other organisations' data.
   */
  private async act(softwareId: string, message: string | undefined, now: number): Promise<NotifyAnswer> {
    const { options } = this;
    const log = options.logger.child({ softwareId });
    const targets: { conversationId: string; outcome: SendOutcome }[] = [];
    const failures: ReturnType<typeof toAppError>[] = [];
    let kbs: number | undefined;
    const groups = await this.targets(softwareId);
    for (const [tenantId, conversationIds] of groups) {
      let result;
      try {
        result = await options.source(tenantId, softwareId);
      } catch (err) {
        const error = toAppError(err);
        log.warn('alerts.notify_failed', { tenantId, errorCode: error.code, status: error.details.status });
        failures.push(error);
        targets.push(...conversationIds.map((conversationId) => ({ conversationId, outcome: 'failed' as const })));
        continue;
      }
      // Demo mode reads every tenant with one token: no other organisation's data to keep from the caller.
      if (tenantId === options.homeTenantId || options.fallbackTenantId !== undefined) kbs = result.kbs.length;
      const payload = statePayload('notify', result, new Date(now).toISOString(), message);
      for (const conversationId of conversationIds) {
        const outcome = await options.send({ tenantId, conversationId, softwareId, payload });
        targets.push({ conversationId, outcome });
      }
    }
    // Every read failed: the caller learns why (404: no tenant knows the id).
    if (failures.length > 0 && failures.length === groups.size) {
      const [error] = failures;
      return { status: error.code === 'not-found' ? 404 : 502, body: { error: error.code, softwareId } };
    }
    const delivered = targets.filter((t) => t.outcome === 'sent').length;
    log.info('alerts.notify', { targets: targets.length, delivered, messageLength: message?.length ?? 0 });
    return { status: 202, body: { softwareId, ...(kbs === undefined ? {} : { kbs }), delivered, targets } };
  }

  /** Active watchers of the id by tenant, else the default SOC conversation (if any) in the bot's own tenant. */
  private async targets(softwareId: string): Promise<Map<string, string[]>> {
    const byTenant = new Map<string, string[]>();
    const seen = new Set<string>();
    for (const w of await this.options.watches.watchersOf(softwareId)) {
      if (seen.has(w.conversationId)) continue;
      seen.add(w.conversationId);
      const record = await this.options.conversations.get(w.conversationId);
      const tenantId = tenantOf(record, this.options.fallbackTenantId);
      if (!record?.active || !tenantId) continue;
      byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), w.conversationId]);
    }
    const soc = this.options.socConversationId;
    if (byTenant.size === 0 && soc) byTenant.set(await this.socTenant(soc), [soc]);
    return byTenant;
  }

  /** Production: the bot's own tenant. Demo mode (one token for all): the SOC conversation's own. */
  private async socTenant(soc: string): Promise<string> {
    const { fallbackTenantId, homeTenantId } = this.options;
    if (fallbackTenantId === undefined) return homeTenantId;
    return tenantOf(await this.options.conversations.get(soc), fallbackTenantId) ?? homeTenantId;
  }

  /** Deletes this instance's replay claims that are outside the window (a crash leaves a few tiny records). */
  private async sweep(now: number): Promise<void> {
    const expired = this.claims.filter((c) => c.expiresAt <= now);
    if (expired.length === 0) return;
    this.claims = this.claims.filter((c) => c.expiresAt > now);
    await this.options.store.delete(expired.map((c) => c.key));
  }
}

/** The body: `{ "softwareId": string, "message"?: string }` in UTF-8 JSON. */
function parseBody(raw: Buffer): { softwareId: string; message?: string } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    return { error: 'the body must be UTF-8 JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { error: 'the body must be a JSON object' };
  const { softwareId, message } = value as { softwareId?: unknown; message?: unknown };
  if (typeof softwareId !== 'string') return { error: 'softwareId must be a string' };
  const id = checkSoftwareId(softwareId.trim());
  if (!id.ok) return { error: `softwareId is not valid: ${id.reason}` };
  if (message !== undefined && typeof message !== 'string') return { error: 'message must be a string' };
  if (message !== undefined && message.length > MAX_NOTIFY_MESSAGE_LENGTH) {
    return { error: `message must be at most ${MAX_NOTIFY_MESSAGE_LENGTH} characters` };
  }
  return { softwareId: id.id, ...(message === undefined ? {} : { message }) };
}
