/**
 * test/fixtures/cards: one JSON file per English card sample, written by npm run cards:fixtures, compared by
 * the tests. French samples (named <english twin>-fr) have none: they must have their twin's layout.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fromRoot } from '../lib/paths';
import type { CardSample } from './samples';

/** Where the card fixtures live. */
export const CARD_FIXTURES_DIR = fromRoot('test', 'fixtures', 'cards');

/** A fixture's file. */
export function fixtureFile(name: string): string {
  return path.join(CARD_FIXTURES_DIR, `${name}.json`);
}

/** A card as its fixture file holds it. */
export function fixtureText(card: object): string {
  return `${JSON.stringify(card, null, 2)}\n`;
}

/** The fixture files present, by name. */
export function fixtureNames(): string[] {
  if (!existsSync(CARD_FIXTURES_DIR)) return [];
  return readdirSync(CARD_FIXTURES_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/** The English twin of a French sample's name; undefined for an English sample. */
export function englishTwin(name: string): string | undefined {
  return name.endsWith('-fr') ? name.slice(0, -'-fr'.length) : undefined;
}

/** The samples that have a fixture: the English ones. */
export function fixtureSamples(samples: readonly CardSample[]): CardSample[] {
  return samples.filter((sample) => englishTwin(sample.name) === undefined);
}

/** Keys whose strings are words of a catalogue: the layout ignores their values. */
const WORDS = new Set(['text', 'title', 'value', 'fallbackText', 'tooltip']);

/** A card with its words blanked: what a French card shares with its English twin. */
export function layoutOf(card: unknown, key = ''): unknown {
  if (Array.isArray(card)) return card.map((item) => layoutOf(item));
  if (card && typeof card === 'object') {
    return Object.fromEntries(Object.entries(card).map(([k, value]) => [k, layoutOf(value, k)]));
  }
  return typeof card === 'string' && WORDS.has(key) ? '…' : card;
}

/** How the fixtures differ from the builders' cards: missing, out of date or left over; empty when in step. */
export function staleFixtures(all: readonly CardSample[]): string[] {
  const samples = fixtureSamples(all);
  const names = new Set(samples.map((s) => s.name));
  const problems = samples.flatMap((sample) => {
    const file = fixtureFile(sample.name);
    if (!existsSync(file)) return [`${sample.name}.json is missing`];
    return readFileSync(file, 'utf8') === fixtureText(sample.card) ? [] : [`${sample.name}.json is out of date`];
  });
  const extra = fixtureNames().filter((name) => !names.has(name));
  return [...problems, ...extra.map((name) => `${name}.json has no sample any more`)];
}

/** Writes every sample's fixture and removes fixtures no sample makes. */
export async function writeFixtures(all: readonly CardSample[]): Promise<void> {
  const samples = fixtureSamples(all);
  await mkdir(CARD_FIXTURES_DIR, { recursive: true });
  const names = new Set(samples.map((s) => s.name));
  await Promise.all(
    fixtureNames()
      .filter((n) => !names.has(n))
      .map((n) => rm(fixtureFile(n))),
  );
  await Promise.all(samples.map((sample) => writeFile(fixtureFile(sample.name), fixtureText(sample.card))));
}
