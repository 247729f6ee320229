import type { FieldPath } from '../../playbook/yaml.js';
import { endpointsOf, serviceEndpointsOf } from './build-endpoints.js';
import { HOOK_PREFIX, recipeOf } from './hooks.js';
import type { DeployHook, DeployMarkers, DeployModel, DeployPlaceholder, DeployProblem, DeployRegion, Setting, SourceRef } from './model.js';
import { entriesOf, entryRef, ref } from './refs.js';
import { child, dig, text, truthy, type LNode } from './tree.js';

/** The deploy model from a merged, located tree (pure). */

const MAX_PLACEHOLDERS = 100;

/** A setting at `keys` under the root: its value, or the default at the deepest parent that exists. */
function setting<T>(root: LNode, rootAt: SourceRef, keys: string[], read: (node: LNode) => T, fallback: T): Setting<T> {
  let node: LNode | undefined = root;
  let at = rootAt;
  for (let i = 0; i < keys.length; i++) {
    const entry = child(node, keys[i]!);
    if (!entry) return { value: fallback, set: false, at };
    at = entryRef(entry, keys.slice(0, i + 1));
    node = entry.value;
  }
  return { value: read(node!), set: true, at };
}

function markersOf(root: LNode, at: SourceRef): DeployMarkers {
  const str = (n: LNode) => text(n) ?? null;
  const mountMode = (n: LNode) => entriesOf(n)[0]?.key ?? text(n) ?? 'baked';
  return {
    environment: setting(root, at, ['environment'], str, null),
    composerMode: setting(root, at, ['composer', 'mode'], str, null),
    assetsMode: setting(root, at, ['assets', 'mode'], str, null),
    ssl: setting(root, at, ['docker', 'ssl', 'enabled'], truthy, false),
    debug: setting(root, at, ['docker', 'debug', 'enabled'], truthy, false),
    xdebug: setting(root, at, ['docker', 'debug', 'xdebug', 'enabled'], truthy, false),
    maintenance: setting(root, at, ['docker', 'maintenance', 'enabled'], truthy, false),
    mount: setting(root, at, ['docker', 'mount'], mountMode, 'baked'),
  };
}

function regionsOf(root: LNode): DeployRegion[] {
  return entriesOf(dig(root, 'regions')).map((r) => {
    const path: FieldPath = ['regions', r.key];
    const sender = child(dig(r.value, 'services', 'mail'), 'sender');
    const name = text(dig(sender?.value, 'name'));
    const email = text(dig(sender?.value, 'email'));
    const mailSender = sender ? { ...(name ? { name } : {}), ...(email ? { email } : {}), at: entryRef(sender, [...path, 'services', 'mail', 'sender']) } : undefined;
    return { name: r.key, stores: entriesOf(dig(r.value, 'stores')).map((s) => s.key), ...(mailSender ? { mailSender } : {}), at: ref(r.keyAt, path) };
  });
}

function imageOf(root: LNode): DeployModel['image'] {
  const environment: Record<string, string> = {};
  const environmentAt: Record<string, SourceRef> = {};
  for (const e of entriesOf(dig(root, 'image', 'environment'))) {
    environment[e.key] = text(e.value) ?? '';
    environmentAt[e.key] = entryRef(e, ['image', 'environment', e.key]);
  }
  const tag = text(dig(root, 'image', 'tag'));
  return { ...(tag ? { tag } : {}), environment, environmentAt };
}

function hooksOf(image: DeployModel['image']): DeployHook[] {
  return Object.entries(image.environment)
    .filter(([name]) => name.startsWith(HOOK_PREFIX))
    .map(([name, value]) => {
      const recipe = recipeOf(value);
      return { name, value, ...(recipe ? { recipe } : {}), at: image.environmentAt[name]! };
    });
}

const PLACEHOLDER_KINDS: [DeployPlaceholder['kind'], RegExp][] = [['change-me', /CHANGE_?ME/i], ['parameter', /%[^%\s]+%/]];

/** Every key and string value that still holds CHANGE_ME or an unresolved %parameter%. */
function placeholdersOf(node: LNode, path: FieldPath, out: DeployPlaceholder[]): void {
  const check = (value: string, at: SourceRef) => {
    const kind = PLACEHOLDER_KINDS.find(([, re]) => re.test(value))?.[0];
    if (kind && out.length < MAX_PLACEHOLDERS) out.push({ value: value.length > 80 ? `${value.slice(0, 77)}...` : value, kind, at });
  };
  if (node.kind === 'scalar') {
    if (typeof node.value === 'string') check(node.value, ref(node.at, path));
  } else if (node.kind === 'seq') node.items.forEach((item, i) => placeholdersOf(item, [...path, i], out));
  else {
    for (const e of node.entries.values()) {
      // Top-level x-... keys only hold anchors; their merged copies are checked where they land.
      if (path.length === 0 && e.key.startsWith('x-')) continue;
      check(e.key, ref(e.keyAt, [...path, e.key]));
      placeholdersOf(e.value, [...path, e.key], out);
    }
  }
}

export function buildModel(root: LNode, file: string, files: string[], problems: DeployProblem[]): DeployModel {
  const at: SourceRef = { file, line: 1, column: 1, path: '' };
  const image = imageOf(root);
  const placeholders: DeployPlaceholder[] = [];
  placeholdersOf(root, [], placeholders);
  const modelProblems = [...problems];
  const endpoints = endpointsOf(root, modelProblems);
  return {
    file,
    files,
    version: text(dig(root, 'version')) ?? null,
    namespace: text(dig(root, 'namespace')) ?? null,
    environment: text(dig(root, 'environment')) ?? null,
    pipeline: text(dig(root, 'pipeline')) ?? null,
    dynamicStore: truthy(dig(root, 'image', 'environment', 'SPRYKER_DYNAMIC_STORE_MODE')),
    regions: regionsOf(root),
    endpoints,
    services: serviceEndpointsOf(root),
    image,
    hooks: hooksOf(image),
    markers: markersOf(root, at),
    placeholders,
    problems: modelProblems,
  };
}
