/** Types of the Defender for Endpoint software API, as documented ("Get missing KBs by software ID"). */

/** One missing security update (PublicProductFixDto). */
export interface MissingKb {
  /** KB number without the "KB" prefix, e.g. "4540673". */
  readonly id: string;
  /** e.g. "March 2020 Security Updates". */
  readonly name: string;
  /** Products the KB fixes, e.g. ["edge"]. */
  readonly productsNames: readonly string[];
  /** Microsoft Update Catalog link, when Defender gave one. */
  readonly url?: string;
  /** Devices missing this KB. */
  readonly machineMissedOn: number;
  /** CVEs this KB addresses. */
  readonly cveAddressed: number;
}

/** The missing KBs of one software, with how many items of the answer were unusable. */
export interface MissingKbsResult {
  readonly softwareId: string;
  readonly kbs: readonly MissingKb[];
  /** Items skipped because they lacked `id` or `name`. */
  readonly skipped: number;
  /** Pages read (1 unless Defender paged with @odata.nextLink). */
  readonly pages: number;
  /** False when a nextLink was not followed (other origin, loop or page limit). */
  readonly complete: boolean;
}

/** Gives a bearer token for the Defender API; the SSO/OBO or app-only flows plug in here. */
export type TokenProvider = () => Promise<string>;

/** The `fetch` the client calls (src/http: retries and throttling wrap it). */
export type { FetchLike } from '../http/types';

/** One software of the inventory, as `GET /api/Software` documents it. */
export interface Software {
  /** e.g. "microsoft-_-edge". */
  readonly id: string;
  /** e.g. "edge". */
  readonly name: string;
  /** e.g. "microsoft". */
  readonly vendor: string;
  /** Known vulnerabilities of the installed versions. */
  readonly weaknesses: number;
  readonly publicExploit: boolean;
  readonly activeAlert: boolean;
  /** Devices with a vulnerable version installed. */
  readonly exposedMachines: number;
  readonly impactScore: number;
}

/** A page (or several, through nextLinks) of the software inventory. */
export interface SoftwareList {
  readonly items: readonly Software[];
  /** Items skipped because they lacked `id` or `name`. */
  readonly skipped: number;
  readonly pages: number;
  /** False when a nextLink was not followed (other origin, loop or page limit). */
  readonly complete: boolean;
}
