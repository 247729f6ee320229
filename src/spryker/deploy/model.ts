/**
 * The model of a Spryker deploy file (Docker SDK / Spryker Cloud) after YAML 1.1 merge keys and
 * `imports` are resolved. Every part keeps where it was written, so findings point at file:line:col.
 * Built by `loadDeployFile` (I/O); read by `analyzeDeploy` (pure) and by derived checks (DNS, TLS, HTTP, email).
 */

/** Where a value was written: the file (as shown to the user), 1-based line and column, and its field path. */
export interface SourceRef {
  file: string;
  line: number;
  column: number;
  /** Field path in the merged document, e.g. `groups.EU.applications.Yves.endpoints["www.de.shop.com"]`. */
  path: string;
}

/** A setting with its default applied: `set` is false when the file does not write it (then `at` is its parent). */
export interface Setting<T> {
  value: T;
  set: boolean;
  at: SourceRef;
}

/** The application types the Docker SDK knows; others are kept as written and reported. */
export const APPLICATION_TYPES = ['yves', 'glue', 'glue-storefront', 'glue-backend', 'backoffice', 'backend-gateway', 'zed', 'merchant-portal', 'static'] as const;

export interface DeployRegion {
  name: string;
  /** Store codes under `regions.<R>.stores`; empty in Dynamic Multistore mode, where the region is the unit. */
  stores: string[];
  mailSender?: { name?: string; email?: string; at: SourceRef };
  at: SourceRef;
}

export interface BasicAuthUser {
  username: string;
  /** Kept for the analyzer only; summaries and evidence never carry it. */
  password: string;
  at: SourceRef;
}

export interface DeployEndpoint {
  /** Lower-cased host name without the port. */
  host: string;
  port?: number;
  /** The endpoint key as written (`domain[:port]`). */
  key: string;
  group: string;
  /** Region of the group (`groups.<G>.region`). */
  groupRegion?: string;
  /** The unique application name (`groups.<G>.applications.<app>`). */
  app: string;
  /** The application type (`application:`), e.g. yves, glue, backoffice, static. */
  application: string;
  entryPoint?: string;
  store?: string;
  region?: string;
  primal: boolean;
  auth?: { engine: string; users: BasicAuthUser[]; exclude: string[]; include: string[]; at: SourceRef };
  corsAllowOrigin?: string;
  corsAt?: SourceRef;
  realIpFrom?: string[];
  redirect?: { code?: number; url?: string; requestUri: boolean; ignoredKeys: string[]; at: SourceRef };
  at: SourceRef;
}

export interface DeployServiceEndpoint {
  service: string;
  engine?: string;
  host: string;
  port?: number;
  protocol: string;
  at: SourceRef;
}

export interface DeployHook {
  /** The variable, e.g. SPRYKER_HOOK_INSTALL. */
  name: string;
  value: string;
  /** The install recipe the command runs (`vendor/bin/install -r EU/production` gives `EU/production`). */
  recipe?: string;
  at: SourceRef;
}

/** The production markers, each with its default when not written (defaults from the Docker SDK reference). */
export interface DeployMarkers {
  environment: Setting<string | null>;
  composerMode: Setting<string | null>;
  assetsMode: Setting<string | null>;
  ssl: Setting<boolean>;
  debug: Setting<boolean>;
  xdebug: Setting<boolean>;
  maintenance: Setting<boolean>;
  /** The first mount mode under `docker.mount` (`baked` when not written). */
  mount: Setting<string>;
}

export interface DeployPlaceholder {
  /** The value (or key) still holding a placeholder, shortened. */
  value: string;
  kind: 'change-me' | 'parameter';
  at: SourceRef;
}

/** Something the loader could not resolve but that does not stop the analysis. */
export interface DeployProblem {
  code: 'import-not-found' | 'unknown-application';
  message: string;
  hint: string;
  at: SourceRef;
}

/** What the loader found in the repository when one was given (I/O done at load time, so analysis stays pure). */
export interface RepoFacts {
  root: string;
  /** Recipes named by the hooks (or the Spryker Cloud default), by recipe name. */
  recipes: RecipeFacts[];
  /** `src/Pyz/Zed/User/UserConfig.php` lines naming demo installer users or the demo password. */
  installerUsers: RepoHit[];
  /** `data/import/**\/customer.csv` files whose rows carry the demo customers' password hash. */
  demoCustomers: (RepoHit & { rows: number })[];
  /** CustomerConfig files that allow the demo password `change123`. */
  passwordAllowList: RepoHit[];
}

export interface RepoHit {
  file: string;
  line: number;
  column: number;
  text: string;
}

export interface RecipeFacts {
  /** Recipe name as the hook gives it, e.g. `EU/production`. */
  name: string;
  /** The hook that names it (or `default` for the Spryker Cloud default). */
  hook: string;
  file: string;
  exists: boolean;
  /** The `sections.demodata` key, when present. */
  demodata?: RepoHit;
  /** Commands that import `data/import/.../full_*.yml`. */
  fullImports: RepoHit[];
}

export interface DeployModel {
  /** The deploy file as given. */
  file: string;
  /** The deploy file and every imported template, in load order. */
  files: string[];
  version: string | null;
  namespace: string | null;
  environment: string | null;
  pipeline: string | null;
  /** `image.environment.SPRYKER_DYNAMIC_STORE_MODE` is set: endpoints name regions, not stores. */
  dynamicStore: boolean;
  regions: DeployRegion[];
  endpoints: DeployEndpoint[];
  services: DeployServiceEndpoint[];
  image: { tag?: string; environment: Record<string, string>; environmentAt: Record<string, SourceRef> };
  hooks: DeployHook[];
  markers: DeployMarkers;
  placeholders: DeployPlaceholder[];
  problems: DeployProblem[];
  repository?: RepoFacts;
}

export type DeployTopic = 'production' | 'endpoints' | 'security' | 'mail' | 'recipes';
export const DEPLOY_TOPICS: readonly DeployTopic[] = ['production', 'endpoints', 'security', 'mail', 'recipes'];

/** One observation about a deploy file, at the place to change. */
export interface DeployFinding {
  severity: 'fail' | 'warn' | 'info';
  /** Stable kebab-case code, e.g. `ssl-disabled`, `host-demo-domain`. */
  code: string;
  message: string;
  hint: string;
  file: string;
  line: number;
  column: number;
  path: string;
  topic: DeployTopic;
}

export interface AnalyzeOptions {
  /** The project's final domains: endpoint hosts must be one of them or below one. */
  domains?: string[];
  /** Judge as at go-live (default): storefront basic auth fails instead of warning. */
  goLive?: boolean;
}
