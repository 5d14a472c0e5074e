/**
 * The right floor for our bot: a bare botbuilder bot on the same restify server and adapter set-up
 * (src/server/server.ts, src/bot/adapter.ts) doing the same job as ours, and nothing more. It answers
 * Teams at once, then, in a turn of its own, reads the missing KBs from the Defender stand-in with
 * `fetch`, builds a plain Adaptive Card with one entry per KB and posts it. No command parsing,
 * sign-in, limiter, retries, templates, catalogues or storage: what any bot doing this job pays.
 */
import { ActivityHandler, CardFactory, TurnContext } from 'botbuilder';
import { createAdapter } from '../../src/bot/adapter';
import { buildPagedMissingKbsCard } from '../../src/cards/browse/pagedKbs';
import type { AdaptiveCard } from '../../src/cards/template';
import { toMissingKb } from '../../src/defender/parse';
import { silentLogger } from '../../src/log';
import { serveOnLoopback, type FloorBot } from './echoBot';

interface Kb {
  readonly id: string;
  readonly name: string;
  readonly machineMissedOn: number;
}

/** A plain Adaptive Card: a title, then one line per KB. */
export function bareCard(softwareId: string, kbs: readonly Kb[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: `Missing KBs for ${softwareId}: ${kbs.length}`, weight: 'Bolder', wrap: true },
      ...kbs.map((kb) => ({
        type: 'TextBlock',
        text: `KB${kb.id} ${kb.name} (${kb.machineMissedOn} devices)`,
        wrap: true,
      })),
    ],
  };
}

/** Our missing-KBs card, built from the same answer: what the card alone costs on top of the bare bot. */
function ourCard(softwareId: string, value: unknown[]): AdaptiveCard {
  const kbs = value.flatMap((item) => toMissingKb(item) ?? []);
  return buildPagedMissingKbsCard({ softwareId, kbs, skipped: 0, pages: 1, complete: true }, 1, 'en');
}

/**
 * Starts the bare bot on loopback, reading Defender at `defenderUrl`; resolves with its port and how to stop it.
 * With `withOurCard`, it posts our card instead of the plain one (an extra bench row, not the floor).
 */
export function startBareBot(defenderUrl: string, withOurCard = false): Promise<FloorBot> {
  const adapter = createAdapter({}, silentLogger);
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    const softwareId = (context.activity.text ?? '').trim().split(/\s+/)[1] ?? '';
    const reference = TurnContext.getConversationReference(context.activity);
    void adapter.continueConversationAsync('', reference, async (turn) => {
      turn.activity.id = reference.activityId;
      const url = `${defenderUrl}/api/Software/${encodeURIComponent(softwareId)}/getmissingkbs`;
      const response = await fetch(url, { headers: { authorization: 'Bearer demo' } });
      const { value } = (await response.json()) as { value: Kb[] };
      const card = withOurCard ? ourCard(softwareId, value) : bareCard(softwareId, value);
      await turn.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    });
    await next();
  });
  return serveOnLoopback(adapter, bot);
}
