/**
 * npm run package: writes build/appPackage.zip, and its files to build/appPackage/ (for the Agents
 * Toolkit), from the environment (MicrosoftAppId, BOT_DOMAIN, optional SSO_RESOURCE and TEAMS_APP_ID). With a file of settings:
 * `node --env-file=.env dist/scripts/package.js`. Exits 1 with every problem listed.
 */
import path from 'node:path';
import { ManifestError } from '../src/config/package';
import { buildAppPackage, DEFAULT_PACKAGE_FILE } from './lib/appPackage';

async function main(): Promise<number> {
  try {
    const manifest = await buildAppPackage(process.env);
    const bot = (manifest.bots as { botId: string }[])[0];
    process.stdout.write(
      `Wrote ${path.relative(process.cwd(), DEFAULT_PACKAGE_FILE)}: Teams app ${String(manifest.id)} ` +
        `version ${String(manifest.version)}, bot ${bot.botId}; the manifest passed Microsoft's validator.\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`${err instanceof ManifestError ? err.message : String(err)}\n`);
    return 1;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
