import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One requirement of a seed checklist: a list bullet, or a sentence of a paragraph. */
export interface SeedItem {
  doc: string;
  section: string;
  text: string;
  /** 1-based line in the seed file. */
  line: number;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** ../shared/seeds next to the repository, or the nearest shared/seeds above it; GOLIVE_SEEDS_DIR wins. */
export function seedsDir(): string {
  if (process.env.GOLIVE_SEEDS_DIR) return process.env.GOLIVE_SEEDS_DIR;
  for (let dir = ROOT; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, '..', 'shared', 'seeds');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`seed checklists not found: expected ../shared/seeds next to ${ROOT} (or set GOLIVE_SEEDS_DIR)`);
}

/** Lower case, markdown and punctuation variants removed, whitespace collapsed. */
export function normalise(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function sentences(paragraph: string): string[] {
  return paragraph
    .split(/(?<=[.!?])\s+(?=[A-Z])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const SKIP = /^(<|\{%|---|title:|description:|area:|has|lastUpdated|created|audience|product|template|original|redirect_from|\s+- \/docs)/;

/** Every requirement-shaped item of a seed: list bullets whole, paragraphs split into sentences. */
export function parseSeed(doc: string, text: string): SeedItem[] {
  const items: SeedItem[] = [];
  let section = '';
  let inFrontMatter = false;
  let paragraph: { text: string; line: number } | undefined;
  const flush = () => {
    if (paragraph) for (const s of sentences(paragraph.text)) items.push({ doc, section, text: s, line: paragraph.line });
    paragraph = undefined;
  };
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\t/g, '  ');
    if (i === 0 && line.trim() === '---') return void (inFrontMatter = true);
    if (inFrontMatter) return void (line.trim() === '---' && (inFrontMatter = false));
    const heading = /^#{1,6}\s+(?:\d+\.\s+)?(.*)$/.exec(line);
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      section = (heading[1] ?? '').trim().replace(/:$/, '');
    } else if (bullet) {
      flush();
      items.push({ doc, section, text: (bullet[1] ?? '').trim(), line: i + 1 });
    } else if (line.trim() === '' || SKIP.test(line.trim())) {
      flush();
    } else if (paragraph) paragraph.text += ` ${line.trim()}`;
    else paragraph = { text: line.trim(), line: i + 1 };
  });
  flush();
  return items.filter((item) => !/^(Related|Context)$/.test(item.section));
}

export const SEED_DOCS = ['sitecore-cdp-personalize-go-live-checklist', 'spryker-cloud-go-live-preparation'] as const;

export function loadSeeds(): SeedItem[] {
  const dir = seedsDir();
  return SEED_DOCS.flatMap((doc) => parseSeed(doc, readFileSync(path.join(dir, `${doc}.md`), 'utf8')));
}
