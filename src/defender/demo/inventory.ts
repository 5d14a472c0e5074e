/** The demo tenant's software inventory (`GET /api/Software`): enough software for names, choices and top. */
import type { SoftwareEntity } from './query';

/** [vendor, name, exposed devices, weaknesses, public exploit, active alert, impact score] */
type Row = readonly [string, string, number, number, boolean, boolean, number];

const ROWS: readonly Row[] = [
  ['microsoft', 'windows_10', 412, 96, true, true, 71.4],
  ['microsoft', 'windows_11', 238, 41, true, false, 44.8],
  ['microsoft', 'edge', 240, 14, false, false, 12.3],
  ['microsoft', 'edge_webview2', 187, 6, false, false, 4.1],
  ['microsoft', '.net_framework', 301, 9, false, false, 8.2],
  ['microsoft', 'office', 144, 23, true, false, 19.6],
  ['microsoft', 'teams', 356, 2, false, false, 1.2],
  ['microsoft', 'visual_studio_code', 63, 3, false, false, 0.9],
  ['microsoft', 'sql_server', 12, 17, true, false, 9.7],
  ['google', 'chrome', 298, 31, true, false, 22.5],
  ['mozilla', 'firefox', 121, 19, false, false, 10.4],
  ['7-zip', '7-zip', 176, 4, true, false, 5.3],
  ['adobe', 'acrobat_reader_dc', 209, 27, true, false, 18.1],
  ['oracle', 'jdk', 48, 33, true, false, 15.2],
  ['azul', 'jdk', 21, 12, false, false, 4.4],
  ['amazon', 'jdk', 9, 5, false, false, 1.7],
  ['oracle', 'jre', 77, 41, true, true, 20.9],
  ['videolan', 'vlc_media_player', 95, 8, false, false, 3.3],
  ['notepad++', 'notepad++', 58, 6, false, false, 2.2],
  ['zoom', 'zoom', 134, 11, false, false, 6.6],
  ['python', 'python', 37, 14, false, false, 5.1],
  ['git', 'git', 44, 7, false, false, 2.8],
  ['simon_tatham', 'putty', 26, 5, true, false, 3.9],
  ['rarlab', 'winrar', 52, 4, true, false, 4.7],
  ['openssl', 'openssl', 18, 22, true, false, 8.8],
];

/** Every software the demo tenant reports, in inventory order (not sorted). */
export const DEMO_INVENTORY: readonly SoftwareEntity[] = ROWS.map(
  ([vendor, name, exposedMachines, weaknesses, publicExploit, activeAlert, impactScore]) => ({
    id: `${vendor}-_-${name}`,
    name,
    vendor,
    weaknesses,
    publicExploit,
    activeAlert,
    exposedMachines,
    impactScore,
  }),
);
