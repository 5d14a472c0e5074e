/**
 * The right floor for our bot: a bare botbuilder bot on the same restify server and adapter set-up
 * (src/server/server.ts, src/bot/adapter.ts) doing the same job as ours, and nothing more. It answers
 * Teams at once, then, in a turn of its own, reads the missing KBs from the Defender stand-in with
 * `fetch`, builds a plain Adaptive Card with one entry per KB and posts it. No command parsing,
 * sign-in, limiter, retries, templates, catalogues or storage: what any bot doing this job pays.
 */
import { ActivityHandler, CardFactory, TurnContext } from 'botbuilder';
import { createAdapter } from '../../src/bot/adapter';
import { silentLogger } from '../../src/log';
import { serveOnLoopback, type FloorBot } from './echoBot';

interface Kb {
  readonly id: string;
  readonly name: string;
  readonly machineMissedOn: number;
}

/** A plain Adaptive Card: a title, then one line per KB. */
export function bareCard(softwareId: string, kbs: readonly Kb[]): Record<string, unknown> {
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

/** Starts the bare bot on loopback, reading Defender at `defenderUrl`; resolves with its port and how to stop it. */
export function startBareBot(defenderUrl: string): Promise<FloorBot> {
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
      await turn.sendActivity({ attachments: [CardFactory.adaptiveCard(bareCard(softwareId, value))] });
    });
    await next();
  });
  return serveOnLoopback(adapter, bot);
}
