/**
 * Alerts never cross an organisation: every watched id is polled once per tenant, with that tenant's
 * own app-only token, and its alerts go only to conversations of that tenant. A conversation's tenant
 * is the one Teams put on its activities (channelData.tenant.id, kept in the conversation record),
 * never anything a user typed.
 */
import type { ConversationRecord } from './types';

/**
 * The tenant of a conversation, lower case: Teams' record of it, else `fallback` (demo mode, whose one
 * tenant serves everybody). undefined: no tenant is known, so nothing may be read for it.
 */
export function tenantOf(
  record: Pick<ConversationRecord, 'tenantId'> | undefined,
  fallback?: string,
): string | undefined {
  return record?.tenantId?.toLowerCase() || fallback?.toLowerCase() || undefined;
}
