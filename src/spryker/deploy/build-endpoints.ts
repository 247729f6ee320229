import type { FieldPath } from '../../playbook/yaml.js';
import { APPLICATION_TYPES, type BasicAuthUser, type DeployEndpoint, type DeployProblem, type DeployServiceEndpoint } from './model.js';
import { compact, entriesOf, entryRef, ref, splitHostPort, textList } from './refs.js';
import { child, dig, text, truthy, type LEntry, type LNode } from './tree.js';

/** Endpoints of `groups.*.applications.*.endpoints` and `services.*.endpoints`, from the merged tree (pure). */

/** The keys the SDK's nginx template reads from `redirect:`; anything else is ignored by it. */
const REDIRECT_KEYS = new Set(['code', 'url', 'request-uri', 'preserve-host']);

function authOf(entry: LEntry | undefined, path: FieldPath): DeployEndpoint['auth'] {
  if (!entry) return undefined;
  const node = entry.value;
  const usersNode = dig(node, 'users');
  const users: BasicAuthUser[] = (usersNode?.kind === 'seq' ? usersNode.items : []).map((u, i) => ({
    username: text(dig(u, 'username')) ?? '',
    password: text(dig(u, 'password')) ?? '',
    at: ref(u.at, [...path, 'auth', 'users', i]),
  }));
  return { engine: text(dig(node, 'engine')) ?? 'basic', users, exclude: textList(dig(node, 'exclude')), include: textList(dig(node, 'include')), at: entryRef(entry, [...path, 'auth']) };
}

function redirectOf(entry: LEntry | undefined, path: FieldPath): DeployEndpoint['redirect'] {
  if (!entry) return undefined;
  const node = entry.value;
  const code = Number(text(dig(node, 'code')));
  const url = text(dig(node, 'url'));
  return {
    ...(Number.isFinite(code) && text(dig(node, 'code')) !== undefined ? { code } : {}),
    ...(url === undefined ? {} : { url }),
    requestUri: truthy(dig(node, 'request-uri')),
    ignoredKeys: entriesOf(node).map((e) => e.key).filter((k) => !REDIRECT_KEYS.has(k)),
    at: entryRef(entry, [...path, 'redirect']),
  };
}

interface AppContext {
  group: string;
  groupRegion?: string;
  app: string;
  application: string;
}

function endpointOf(entry: LEntry, ctx: AppContext): DeployEndpoint {
  const path: FieldPath = ['groups', ctx.group, 'applications', ctx.app, 'endpoints', entry.key];
  const node = entry.value;
  const cors = child(node, 'cors-allow-origin');
  const realIp = dig(node, 'real-ip', 'from');
  return compact({
    ...splitHostPort(entry.key),
    key: entry.key,
    group: ctx.group,
    groupRegion: ctx.groupRegion,
    app: ctx.app,
    application: ctx.application,
    entryPoint: text(dig(node, 'entry-point')),
    store: text(dig(node, 'store')),
    region: text(dig(node, 'region')),
    primal: truthy(dig(node, 'primal')),
    auth: authOf(child(node, 'auth'), path),
    corsAllowOrigin: text(cors?.value),
    corsAt: cors ? entryRef(cors, [...path, 'cors-allow-origin']) : undefined,
    realIpFrom: realIp ? textList(realIp) : undefined,
    redirect: redirectOf(child(node, 'redirect'), path),
    at: ref(entry.keyAt, path),
  });
}

/** Every application endpoint, in file order; unknown application types go to `problems`. */
export function endpointsOf(root: LNode, problems: DeployProblem[]): DeployEndpoint[] {
  const out: DeployEndpoint[] = [];
  for (const group of entriesOf(dig(root, 'groups'))) {
    const groupRegion = text(dig(group.value, 'region'));
    for (const app of entriesOf(dig(group.value, 'applications'))) {
      const appEntry = child(app.value, 'application');
      const application = text(appEntry?.value) ?? '';
      if (!(APPLICATION_TYPES as readonly string[]).includes(application)) {
        const at = appEntry ? entryRef(appEntry, ['groups', group.key, 'applications', app.key, 'application']) : ref(app.keyAt, ['groups', group.key, 'applications', app.key]);
        problems.push({ code: 'unknown-application', message: `application "${application || '(none)'}" of ${app.key} is not an application type the Docker SDK knows`, hint: `use one of ${APPLICATION_TYPES.join(', ')}`, at });
      }
      const ctx: AppContext = { group: group.key, groupRegion, app: app.key, application };
      for (const endpoint of entriesOf(dig(app.value, 'endpoints'))) out.push(endpointOf(endpoint, ctx));
    }
  }
  return out;
}

/** Endpoints of services (scheduler, broker, mail catcher, ...), with their protocol (http by default). */
export function serviceEndpointsOf(root: LNode): DeployServiceEndpoint[] {
  return entriesOf(dig(root, 'services')).flatMap((service) => {
    const engine = text(dig(service.value, 'engine'));
    return entriesOf(dig(service.value, 'endpoints')).map((e) => ({
      service: service.key,
      ...(engine ? { engine } : {}),
      ...splitHostPort(e.key),
      protocol: text(dig(e.value, 'protocol')) ?? 'http',
      at: ref(e.keyAt, ['services', service.key, 'endpoints', e.key]),
    }));
  });
}
