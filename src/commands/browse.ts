/** /missingkbs with a name, and /missingkbs top: the software list on the user's behalf, as cards. */
import { NameResolver } from '../browse/resolve';
import type { SoftwareSource } from '../browse/source';
import { Suggestions } from '../browse/suggest';
import { topSoftware } from '../browse/top';
import { buildChoiceCard, buildNoMatchCard, buildTopCard, withResolvedNote } from '../cards/browse/softwareCards';
import type { AdaptiveCard } from '../cards/template';
import { catalogue, DEFAULT_LOCALE } from '../i18n';
import { executeButton } from '../cards/browse/cardActions';
import type { Logger } from '../log';
import type { RequestContext } from './types';

/** Shows a software's missing KBs (the handler's own /missingkbs). */
export type ShowMissingKbs = (softwareId: string, request: RequestContext) => Promise<AdaptiveCard>;

/** Runs `find` and `top`; failures are thrown as AppErrors for the handler to turn into cards. */
export class BrowseCommands {
  private readonly resolver: NameResolver;

  constructor(
    private readonly software: SoftwareSource,
    private readonly showMissingKbs: ShowMissingKbs,
    private readonly logger: Logger,
  ) {
    this.resolver = new NameResolver(software, new Suggestions(software), logger);
  }

  /** One match: its missing KBs, saying which id was used; several: a choice card; none: suggestions. */
  async find(query: string, request: RequestContext): Promise<AdaptiveCard> {
    const locale = request.locale ?? DEFAULT_LOCALE;
    const resolution = await this.resolver.resolve(query, request);
    this.logger.info('command.find', {
      outcome: resolution.kind,
      matches: resolution.kind === 'many' ? resolution.matches.length : undefined,
      suggestions: resolution.kind === 'none' ? resolution.suggestions.length : undefined,
    });
    switch (resolution.kind) {
      case 'one': {
        const id = resolution.software.id;
        return withResolvedNote(await this.showMissingKbs(id, request), query, id, locale);
      }
      case 'many':
        return buildChoiceCard(query, resolution.matches, locale);
      case 'none':
        return buildNoMatchCard(query, resolution.suggestions, locale);
    }
  }

  /** The `count` software with the most exposed devices. */
  async top(count: number, request: RequestContext): Promise<AdaptiveCard> {
    const top = await topSoftware(this.software, count, request, this.logger);
    this.logger.info('command.top', { count, shown: top.items.length, sortedHere: top.sortedHere !== undefined });
    const locale = request.locale ?? DEFAULT_LOCALE;
    const refresh = executeButton(catalogue(locale).browse.refresh, 'refresh', { kind: 'top', count });
    return buildTopCard(top, locale, [refresh]);
  }
}
