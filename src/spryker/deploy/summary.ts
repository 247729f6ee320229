import { compact } from './refs.js';
import type { DeployEndpoint, DeployModel } from './model.js';

/**
 * A compact, secret-free view of the model for evidence and JSON output: no passwords, no
 * image.environment values (only their names), long lists cut.
 */

const MAX_ENDPOINTS = 100;

export interface DeploySummary extends Pick<DeployModel, 'file' | 'files' | 'version' | 'namespace' | 'environment' | 'pipeline' | 'dynamicStore'> {
  markers: { environment: string | null; composerMode: string | null; assetsMode: string | null; ssl: boolean; debug: boolean; xdebug: boolean; maintenance: boolean; mount: string };
  regions: { name: string; stores: string[]; mailSender?: { name?: string; email?: string } }[];
  /** The model's endpoint fields that hold no secret, with counts and flags for the rest. */
  endpoints: (Pick<DeployEndpoint, 'host' | 'port' | 'app' | 'application' | 'entryPoint' | 'store' | 'region' | 'primal' | 'corsAllowOrigin'> & {
    auth?: { engine: string; users: number };
    realIp: boolean;
    redirect?: { code?: number; url?: string };
    line: number;
  })[];
  endpointsTotal: number;
  services: { service: string; host: string; port?: number; protocol: string }[];
  hooks: { name: string; recipe?: string }[];
  imageEnvironment: string[];
  repository?: { root: string; recipes: { name: string; hook: string; exists: boolean }[] };
}

function endpoint(e: DeployModel['endpoints'][number]): DeploySummary['endpoints'][number] {
  return compact({
    host: e.host,
    port: e.port,
    app: e.app,
    application: e.application,
    entryPoint: e.entryPoint,
    store: e.store,
    region: e.region,
    primal: e.primal,
    auth: e.auth ? { engine: e.auth.engine, users: e.auth.users.length } : undefined,
    corsAllowOrigin: e.corsAllowOrigin,
    realIp: (e.realIpFrom?.length ?? 0) > 0,
    redirect: e.redirect ? compact({ code: e.redirect.code, url: e.redirect.url }) : undefined,
    line: e.at.line,
  });
}

export function summarizeModel(model: DeployModel): DeploySummary {
  const m = model.markers;
  return compact({
    file: model.file,
    files: model.files,
    version: model.version,
    namespace: model.namespace,
    environment: model.environment,
    pipeline: model.pipeline,
    dynamicStore: model.dynamicStore,
    markers: { environment: m.environment.value, composerMode: m.composerMode.value, assetsMode: m.assetsMode.value, ssl: m.ssl.value, debug: m.debug.value, xdebug: m.xdebug.value, maintenance: m.maintenance.value, mount: m.mount.value },
    regions: model.regions.map((r) => compact({ name: r.name, stores: r.stores, mailSender: r.mailSender ? compact({ name: r.mailSender.name, email: r.mailSender.email }) : undefined })),
    endpoints: model.endpoints.slice(0, MAX_ENDPOINTS).map(endpoint),
    endpointsTotal: model.endpoints.length,
    services: model.services.map((s) => compact({ service: s.service, host: s.host, port: s.port, protocol: s.protocol })),
    hooks: model.hooks.map((h) => compact({ name: h.name, recipe: h.recipe })),
    imageEnvironment: Object.keys(model.image.environment),
    repository: model.repository ? { root: model.repository.root, recipes: model.repository.recipes.map((r) => ({ name: r.name, hook: r.hook, exists: r.exists })) } : undefined,
  });
}
