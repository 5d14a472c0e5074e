/** npm run cards:fixtures: writes test/fixtures/cards from the card builders; `--check` only reports drift (exit 1). */
import { fixtureSamples, staleFixtures, writeFixtures } from './cards/fixtures';
import { cardSamples } from './cards/samples';

async function main(): Promise<number> {
  const samples = cardSamples();
  const stale = staleFixtures(samples);
  if (process.argv.includes('--check')) {
    process.stdout.write(stale.length === 0 ? 'Card fixtures are up to date.\n' : `${stale.join('\n')}\n`);
    return stale.length === 0 ? 0 : 1;
  }
  await writeFixtures(samples);
  process.stdout.write(
    `Wrote ${fixtureSamples(samples).length} card fixtures to test/fixtures/cards (${stale.length} changed).\n`,
  );
  return 0;
}

void main().then((code) => {
  process.exitCode = code;
});
