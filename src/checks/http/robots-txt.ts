import type { RobotsFacts, RobotsGroup, RobotsRule } from './evidence.js';

/**
 * robots.txt as RFC 9309 reads it: groups of user-agent lines followed by allow/disallow rules,
 * sitemaps anywhere, and the longest matching rule wins (allow wins a tie). Pure.
 */

const MAX_GROUPS = 100;
const MAX_RULES = 200;
const MAX_UNKNOWN = 5;

interface Parse {
  facts: RobotsFacts;
  current: RobotsGroup | null;
  /** True while consecutive user-agent lines extend the same group. */
  inAgents: boolean;
}

function addAgent(p: Parse, value: string): void {
  if (!p.inAgents || !p.current) {
    if (p.facts.groups.length >= MAX_GROUPS) return void (p.facts.truncated = true);
    p.current = { agents: [], rules: [] };
    p.facts.groups.push(p.current);
  }
  p.current.agents.push(value.toLowerCase());
  p.inAgents = true;
}

function addRule(p: Parse, type: RobotsRule['type'], value: string): void {
  p.inAgents = false;
  // Rules before any user-agent line belong to no group and are ignored, as crawlers do.
  if (!p.current) return;
  if (p.current.rules.length >= MAX_RULES) return void (p.facts.truncated = true);
  p.current.rules.push({ type, path: value });
}

const FIELDS: Record<string, (p: Parse, value: string) => void> = {
  'user-agent': addAgent,
  allow: (p, v) => addRule(p, 'allow', v),
  disallow: (p, v) => addRule(p, 'disallow', v),
  sitemap: (p, v) => void (p.facts.sitemaps.length < 20 && p.facts.sitemaps.push(v)),
};

const IGNORED = new Set(['crawl-delay', 'host', 'clean-param', 'request-rate', 'visit-time']);

export function parseRobots(text: string): RobotsFacts {
  const p: Parse = { facts: { groups: [], sitemaps: [], unknownLines: [], truncated: false }, current: null, inAgents: false };
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    if (!line) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? '' : line.slice(0, colon).trim().toLowerCase();
    const handler = FIELDS[field];
    if (handler) handler(p, line.slice(colon + 1).trim());
    // Other records (crawl-delay, host, typos) are ignored, as crawlers do; a few are kept for people.
    else if (p.facts.unknownLines.length < MAX_UNKNOWN && !IGNORED.has(field)) p.facts.unknownLines.push(line.slice(0, 200));
  }
  return p.facts;
}

/** The rules for a crawler: the groups naming it (merged), else the "*" groups, else none. */
export function rulesFor(facts: RobotsFacts, agent: string): { matched: string | null; rules: RobotsRule[] } {
  const want = agent.toLowerCase();
  const pick = (token: string) => facts.groups.filter((g) => g.agents.includes(token));
  const named = want === '*' ? [] : pick(want);
  const groups = named.length > 0 ? named : pick('*');
  if (groups.length === 0) return { matched: null, rules: [] };
  return { matched: named.length > 0 ? want : '*', rules: groups.flatMap((g) => g.rules) };
}

function patternMatches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const re = body.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${re}${anchored ? '$' : ''}`).test(path);
}

/** Whether `path` may be crawled under `rules`: the longest matching pattern wins, allow on a tie. */
export function isAllowed(rules: RobotsRule[], path: string): { allowed: boolean; rule: RobotsRule | null } {
  let best: RobotsRule | null = null;
  for (const rule of rules) {
    // An empty Disallow allows everything; it matches nothing.
    if (rule.path === '' || !patternMatches(rule.path, path)) continue;
    const longer = !best || rule.path.length > best.path.length;
    const tieAllow = best !== null && rule.path.length === best.path.length && rule.type === 'allow';
    if (longer || tieAllow) best = rule;
  }
  return { allowed: best === null || best.type === 'allow', rule: best };
}
