import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { builtinPath, builtinPlaybookIds } from '../src/playbook/builtin.js';
import { PlaybookSchema, type SourceRef } from '../src/playbook/schema.js';
import { loadSeeds, normalise, SEED_DOCS, type SeedItem } from './support/seeds.js';

/**
 * Sentences of the seeds that describe or motivate rather than ask for something. Each is listed
 * with the reason it needs no task; everything else in a seed must be encoded by a task's source.
 */
const DESCRIPTIVE: Record<string, string> = {
  'going live with personalize and cdp is as much of an operational feat': 'framing of the section',
  'operational readiness ensures that all teams involved': 'introduces the eight operational groups',
  'it covers not only stakeholder coordination': 'introduces the eight operational groups',
  'getting these elements right is essential': 'motivation',
  "a go-live isn't just a moment": 'framing of the cutover section',
  'pre-cutover preparation requires having a good foundation': 'introduces the preparation steps that follow',
  'cutover execution is the point at which all planning turns into action': 'introduces the execution steps that follow',
  'post-cutover is all about making sure everything is working': 'introduces the post-cutover steps that follow',
  "now it's time to transition your momentum": 'introduces the hand-over steps that follow',
  'you worked hard, and you are almost there': 'greeting',
  'your spryker project is ready for go-live': 'greeting',
  'this is an exciting period of your project': 'greeting',
  'please note that the timeframes suggested below should serve as orientation': 'says offsets are guidance; projects reschedule with overrides',
  'for example, you have determined that you want to use spryker.com': 'example of the DNS strategy bullet',
  'you know how your customers should visit your storefront': 'example of the DNS strategy bullet',
  "let's say you want to use the www.spryker.com subdomain": 'example of the DNS strategy bullet',
  'why is this important?': 'rhetorical question',
};

function isDescriptive(item: SeedItem): boolean {
  const text = normalise(item.text);
  return Object.keys(DESCRIPTIVE).some((prefix) => text.startsWith(prefix));
}

function sourcesOf(id: string): { task: string; source: SourceRef }[] {
  const playbook = PlaybookSchema.parse(parse(readFileSync(builtinPath(id), 'utf8')));
  return playbook.tasks.flatMap((t) =>
    (t.source === undefined ? [] : Array.isArray(t.source) ? t.source : [t.source]).map((source) => ({ task: t.id, source })),
  );
}

const seeds = loadSeeds();
const sources = builtinPlaybookIds().flatMap((id) => sourcesOf(id).map((s) => ({ ...s, playbook: id })));

function matches(source: SourceRef): SeedItem[] {
  return seeds.filter(
    (item) =>
      item.doc === source.doc &&
      normalise(item.section) === normalise(source.section) &&
      normalise(item.text).includes(normalise(source.item)),
  );
}

describe('seed coverage', () => {
  it('finds requirements in both seeds', () => {
    for (const doc of SEED_DOCS) expect(seeds.filter((s) => s.doc === doc).length).toBeGreaterThan(20);
  });

  it('lists only descriptive sentences that exist', () => {
    const texts = seeds.map((s) => normalise(s.text));
    const stale = Object.keys(DESCRIPTIVE).filter((prefix) => !texts.some((t) => t.startsWith(prefix)));
    expect(stale).toEqual([]);
  });

  it('has every source name exactly one requirement of its seed', () => {
    const bad = sources
      .map((s) => ({ ...s, found: matches(s.source).length }))
      .filter((s) => s.found !== 1)
      .map((s) => `${s.playbook}:${s.task} -> ${s.source.doc} / ${s.source.section} / "${s.source.item}" matches ${s.found}`);
    expect(bad).toEqual([]);
  });

  it('encodes every requirement of both seeds in a task', () => {
    const covered = new Set(sources.flatMap((s) => matches(s.source)));
    const missing = seeds
      .filter((item) => !isDescriptive(item) && !covered.has(item))
      .map((item) => `${item.doc}.md:${item.line} [${item.section}] ${item.text.slice(0, 90)}`);
    expect(missing).toEqual([]);
  });
});
