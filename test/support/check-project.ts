// Projects for end-to-end tests of `golive check`: a small local playbook (one task, no checks) and
// tasks added through overrides.add with their checks, so a run contains exactly the checks a test
// declares. The YAML is written with the yaml package, so ${env.*} references need no quoting care.
//
// API
//   const dir = writeCheckProject({ id, goLive: goLiveAfter(now, 40), environments: { production: { url, network } }, tasks: [...] })
//   goLiveAfter(now, days)     -> "YYYY-MM-DDTHH:MM" (UTC, the project's time zone) `days` after `now`
//   parseXml(text)             -> the root element of a well-formed XML document; throws on anything malformed
//   elements(root, 'testcase') -> every descendant element with that name, in document order
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

export interface AddedCheck {
  rule: string;
  target: string | Record<string, unknown>;
  with?: Record<string, unknown>;
  environments?: string[];
}

export interface AddedTask {
  id: string;
  title: string;
  severity: 'blocker' | 'major' | 'minor';
  /** Offset from go-live, e.g. T-60d (due by now when go-live is 40 days away). */
  due: string;
  checks: AddedCheck[];
}

export interface CheckProjectOptions {
  id: string;
  name?: string;
  /** Local go-live in UTC, e.g. goLiveAfter(now, 40). */
  goLive: string;
  environments: Record<string, unknown>;
  tasks: AddedTask[];
  policy?: Record<string, unknown>;
  /** Extra files next to golive.yaml (e.g. root.pem for network.caFile). */
  files?: Record<string, string>;
}

const PLAYBOOK = {
  id: 'e2e-checks',
  version: '1.0.0',
  title: 'E2E checks base',
  roles: { 'delivery-lead': 'Runs the launch', ops: 'Runs the servers' },
  areas: { planning: 'Planning' },
  tasks: [
    {
      id: 'base.retro',
      title: 'The launch retrospective is held',
      area: 'planning',
      why: 'Lessons from launch day are lost when nobody writes them down.',
      how: 'Hold the retrospective and file the notes.',
      owner: 'delivery-lead',
      due: 'T+1w',
      phase: 'hypercare',
      severity: 'minor',
    },
  ],
};

/** A project in a fresh temp dir; returns the dir. */
export function writeCheckProject(options: CheckProjectOptions): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'golive-e2e-checks-'));
  writeFileSync(path.join(dir, 'playbook.yaml'), stringify(PLAYBOOK));
  const project = {
    id: options.id,
    name: options.name ?? options.id,
    goLive: options.goLive,
    timeZone: 'UTC',
    playbooks: ['./playbook.yaml'],
    people: [{ id: 'dana', name: 'Dana Ruiz', roles: ['delivery-lead', 'ops'] }],
    environments: options.environments,
    areas: { web: 'Web' },
    ...(options.policy ? { policy: options.policy } : {}),
    overrides: {
      add: options.tasks.map((t) => ({
        id: t.id,
        title: t.title,
        area: 'web',
        why: `Without it the launch goes wrong: ${t.title.toLowerCase()}.`,
        how: 'Do the work, then let golive check verify it.',
        owner: 'ops',
        due: t.due,
        severity: t.severity,
        reason: 'evidence for this end-to-end test',
        checks: t.checks,
      })),
    },
  };
  writeFileSync(path.join(dir, 'golive.yaml'), stringify(project));
  for (const [name, text] of Object.entries(options.files ?? {})) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** "YYYY-MM-DDTHH:MM" in UTC, `days` after `now`. */
export function goLiveAfter(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 16);
}

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text content directly inside this element, entities decoded. */
  text: string;
}

const NAME = '[A-Za-z_:][-A-Za-z0-9_:.]*';
const ENTITY = /&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
const decode = (s: string) =>
  s.replace(ENTITY, (e) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" })[e] ?? String.fromCodePoint(e[2] === 'x' ? parseInt(e.slice(3, -1), 16) : parseInt(e.slice(2, -1), 10)));

function checkText(s: string, where: string): void {
  if (s.replace(ENTITY, '').includes('&')) throw new Error(`bare & in ${where}: ${s.slice(0, 80)}`);
  if (s.includes('<')) throw new Error(`bare < in ${where}: ${s.slice(0, 80)}`);
  // XML 1.0 forbids most C0 control characters anywhere in the document.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s)) throw new Error(`control character in ${where}`);
}

function parseAttributes(source: string, tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  const re = new RegExp(`\\s+(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'gy');
  let at = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const [, key, dq, sq] = m;
    if (key! in attributes) throw new Error(`duplicate attribute ${key} on <${tag}>`);
    const value = dq ?? sq ?? '';
    checkText(value, `attribute ${key} of <${tag}>`);
    attributes[key!] = decode(value);
    at = re.lastIndex;
  }
  if (source.slice(at).trim() !== '') throw new Error(`malformed attributes on <${tag}>: ${source.slice(at, at + 60)}`);
  return attributes;
}

/**
 * A strict little XML parser, enough to prove a document well-formed: one root element, every tag
 * closed in order, quoted unique attributes, no bare "<" or "&" in text or attributes, no control
 * characters. No DTDs, comments or CDATA (golive writes none).
 */
export function parseXml(text: string): XmlElement {
  let rest = text.replace(/^\uFEFF/, '');
  const decl = /^<\?xml\s[^?]*\?>/.exec(rest);
  if (decl) rest = rest.slice(decl[0].length);
  const tagRe = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>`, 'y');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  while (i < rest.length) {
    const lt = rest.indexOf('<', i);
    const chunk = rest.slice(i, lt < 0 ? rest.length : lt);
    const parent = stack[stack.length - 1];
    if (parent) {
      checkText(chunk, `text of <${parent.name}>`);
      parent.text += decode(chunk);
    } else if (chunk.trim() !== '') throw new Error(`text outside the root element: ${chunk.slice(0, 60)}`);
    if (lt < 0) break;
    tagRe.lastIndex = lt;
    const m = tagRe.exec(rest);
    if (!m) throw new Error(`malformed tag at ${lt}: ${rest.slice(lt, lt + 60)}`);
    const [whole, closing, name, attrs, selfClosing] = m;
    if (closing) {
      if (attrs || selfClosing) throw new Error(`malformed end tag </${name}>`);
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
    } else {
      if (root && stack.length === 0) throw new Error(`second root element <${name}>`);
      const el: XmlElement = { name: name!, attributes: parseAttributes(attrs ?? '', name!), children: [], text: '' };
      if (stack.length === 0) root = el;
      else stack[stack.length - 1]!.children.push(el);
      if (!selfClosing) stack.push(el);
    }
    i = lt + whole.length;
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

export function elements(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (e.name === name) out.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return out;
}
