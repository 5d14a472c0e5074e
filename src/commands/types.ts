/** What commands need to know about a request, and where their data comes from: shared by the commands, browse and watch code. */
import type { MissingKbsResult, TokenProvider } from '../defender/types';
import type { Locale } from '../i18n';

/** Who asked, and where; enough to pick a token and word the reply. */
export interface RequestContext {
  readonly conversationType: 'personal' | 'channel' | 'groupChat';
  readonly tenantId?: string;
  readonly userId?: string;
  /** The user's language (from the activity's locale); English when absent. */
  readonly locale?: Locale;
  readonly signal?: AbortSignal;
  /** The user's delegated token (production); demo mode uses its own. */
  readonly token?: TokenProvider;
  /** Where and by whom (watch commands). */
  readonly conversationId?: string;
  readonly userName?: string;
}

/** Where missing KBs come from: the Defender client with the right token for this request. */
export type MissingKbsSource = (softwareId: string, request: RequestContext) => Promise<MissingKbsResult>;
