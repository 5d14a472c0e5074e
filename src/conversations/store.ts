/**
 * Where the bot can post: one record per conversation (`conversation/{id}`), kept current from
 * plain facts the bot layer reads off Teams' events, plus one small index per team
 * (`conversation-team/{teamId}`) so team-wide events reach every channel the bot knows in it.
 */
import type { Locale } from '../i18n';
import type { AppStorage, StoreItem } from '../storage/types';
import { updateItem, type RetryOptions } from '../storage/optimistic';
import type { ConversationDirectory, ConversationRecord } from '../conversations/types';

/** What the bot layer knows about a conversation from one activity; undefined fields keep their value. */
export type ConversationFacts = Pick<ConversationRecord, 'id' | 'reference' | 'kind'> &
  Partial<Pick<ConversationRecord, 'tenantId' | 'name' | 'teamId' | 'teamName'>> & {
    /** The language of a message; events without one keep the last. */
    readonly locale?: Locale;
  };

/** Why a conversation stopped receiving posts; `channel-deleted` is lifted only by channelRestored. */
export type InactiveReason =
  'uninstalled' | 'bot-removed' | 'team-deleted' | 'team-archived' | 'channel-deleted' | (string & {});

type StoredRecord = ConversationRecord & StoreItem;
interface TeamIndex extends StoreItem {
  conversationIds: string[];
}

/** The id a conversation is stored under: a channel thread (`;messageid=`) belongs to its channel. */
export function conversationKeyOf(conversationId: string): string {
  return conversationId.split(';')[0];
}

/** Conversations in storage; implements the poller's ConversationDirectory. */
export class ConversationStore implements ConversationDirectory {
  constructor(
    private readonly store: AppStorage,
    private readonly clock: () => Date = () => new Date(),
    private readonly retry: RetryOptions = {},
  ) {}

  /** The record of a conversation, if known. */
  async get(id: string): Promise<ConversationRecord | undefined> {
    const key = recordKey(id);
    return strip((await this.store.read([key]))[key] as StoredRecord | undefined);
  }

  /** The records of several conversations (unknown ids are left out). */
  async getMany(ids: readonly string[]): Promise<Map<string, ConversationRecord>> {
    const found = await this.store.read([...new Set(ids)].map(recordKey));
    const out = new Map<string, ConversationRecord>();
    for (const item of Object.values(found)) {
      const record = strip(item as StoredRecord);
      if (record) out.set(record.id, record);
    }
    return out;
  }

  /** Records what an activity says; `active` (default: keep, or true for a new record) is set too. */
  async upsert(facts: ConversationFacts, active?: boolean): Promise<ConversationRecord> {
    const id = conversationKeyOf(facts.id);
    let newInTeam = false;
    const written = await this.change(id, (current) => {
      newInTeam = facts.teamId !== undefined && facts.teamId !== current?.teamId;
      const next: ConversationRecord = {
        id,
        reference: facts.reference,
        kind: facts.kind,
        tenantId: facts.tenantId ?? current?.tenantId,
        name: facts.name ?? current?.name,
        teamId: facts.teamId ?? current?.teamId,
        teamName: facts.teamName ?? current?.teamName,
        locale: facts.locale ?? current?.locale ?? 'en',
        active: active ?? current?.active ?? true,
        inactiveReason: (active ?? current?.active ?? true) ? undefined : current?.inactiveReason,
        updatedAt: current?.updatedAt ?? '',
      };
      return next;
    });
    if (newInTeam && facts.teamId) await this.remember(facts.teamId, id);
    return written ?? fail(id);
  }

  /** Stops posting there (bot removed, team deleted, 403), keeping the record and why. */
  async markInactive(id: string, reason: InactiveReason): Promise<void> {
    await this.change(
      conversationKeyOf(id),
      (current) => current && { ...current, active: false, inactiveReason: reason },
    );
  }

  /** Posts there again, unless it was deactivated for a reason in `unless`. */
  async reactivate(id: string, unless: readonly InactiveReason[] = []): Promise<void> {
    await this.change(conversationKeyOf(id), (current) =>
      current && !unless.includes(current.inactiveReason ?? '')
        ? { ...current, active: true, inactiveReason: undefined }
        : undefined,
    );
  }

  /** Renames a known conversation (channelRenamed). */
  async rename(id: string, name: string): Promise<void> {
    await this.change(conversationKeyOf(id), (current) => current && { ...current, name });
  }

  /** The ids of the conversations known in a team (the team's own id included). */
  async teamConversations(teamId: string): Promise<string[]> {
    const key = teamKey(teamId);
    const index = (await this.store.read([key]))[key] as TeamIndex | undefined;
    return [...new Set([conversationKeyOf(teamId), ...(index?.conversationIds ?? [])])];
  }

  /** Stops posting in every known channel of a team; channels already stopped keep their reason. */
  async deactivateTeam(teamId: string, reason: InactiveReason): Promise<void> {
    for (const id of await this.teamConversations(teamId)) await this.stopIfActive(id, reason);
  }

  /** Stops posting there unless already stopped (whose first reason is kept). */
  async stopIfActive(id: string, reason: InactiveReason): Promise<void> {
    await this.change(conversationKeyOf(id), (current) =>
      current?.active ? { ...current, active: false, inactiveReason: reason } : undefined,
    );
  }

  /** Posts again in the team's channels, except channels deleted on their own. */
  async reactivateTeam(teamId: string): Promise<void> {
    for (const id of await this.teamConversations(teamId)) await this.reactivate(id, ['channel-deleted']);
  }

  /** Sets the team name on every known channel of a team (teamRenamed). */
  async renameTeam(teamId: string, teamName: string): Promise<void> {
    for (const id of await this.teamConversations(teamId)) {
      await this.change(id, (current) => current && { ...current, teamName });
    }
  }

  /** Applies a change; writes (with a fresh updatedAt) only when something else changed. */
  private async change(
    id: string,
    apply: (current: ConversationRecord | undefined) => ConversationRecord | undefined,
  ): Promise<ConversationRecord | undefined> {
    const written = await updateItem<StoredRecord>(
      this.store,
      recordKey(id),
      (current) => {
        const next = apply(current);
        if (!next || (current && sameRecord(current, next))) return undefined;
        return clean({ ...next, updatedAt: this.clock().toISOString() });
      },
      this.retry,
    );
    return strip(written);
  }

  private async remember(teamId: string, id: string): Promise<void> {
    await updateItem<TeamIndex>(
      this.store,
      teamKey(teamId),
      (index) =>
        index?.conversationIds.includes(id) ? undefined : { conversationIds: [...(index?.conversationIds ?? []), id] },
      this.retry,
    );
  }
}

function recordKey(id: string): string {
  return `conversation/${conversationKeyOf(id)}`;
}

function teamKey(teamId: string): string {
  return `conversation-team/${conversationKeyOf(teamId)}`;
}

/** Equal apart from updatedAt, whatever the order of keys (runs on every message: no serialising). */
function sameRecord(a: ConversationRecord, b: ConversationRecord): boolean {
  return sameJson({ ...a, updatedAt: '' }, { ...b, updatedAt: '' });
}

/** Whether two JSON values are equal, object keys in any order and undefined fields left out. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  const count = Object.keys(right).filter((key) => right[key] !== undefined).length;
  return keys.length === count && keys.every((key) => sameJson(left[key], right[key]));
}

/** Drops undefined fields, so equal records serialise equally and stored JSON stays small. */
function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function strip(item: StoredRecord | undefined): ConversationRecord | undefined {
  if (!item) return undefined;
  const { eTag: _eTag, ...record } = item;
  void _eTag;
  return record;
}

function fail(id: string): never {
  throw new Error(`conversation ${id} vanished while being written`);
}
