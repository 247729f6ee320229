/**
 * The evidence shapes of the spryker demo-data probes. Types only, so the pure rules can import
 * them without the probes' I/O. Never a password or a token: a login is recorded as the username
 * tried and what the server answered.
 */

/** A probe error recorded inside evidence (one request failed while the others went on). */
export interface RecordedError {
  code: string;
  message: string;
}

/** Where a login goes: Glue customers, Glue agents, or the backend API's password grant. */
export type LoginEndpoint = 'access-tokens' | 'agent-access-tokens' | 'backend-token';

/** Why a planned login was not sent. */
export type NotTried =
  /** Login probes are off (no --allow-login-probes, no `loginProbes: true`). */
  | 'not-allowed'
  /** An earlier login in this run answered 429: nothing more is sent. */
  | 'throttled'
  /** This account was already tried in this run by another check, at another URL. */
  | 'already-tried'
  /** An earlier request to the same host failed, so this one would too. */
  | 'earlier-error'
  /** The probe's time limit ran out first. */
  | 'time-limit';

export interface LoginAttempt {
  endpoint: LoginEndpoint;
  url: string;
  username: string;
  /** Whether a login request was sent. */
  tried: boolean;
  notTried?: NotTried;
  status?: number;
  /** The error code of the answer: JSON:API `errors[0].code` (003, 4001, 901) or the OAuth `error`. */
  errorCode?: string;
  /** The answer's error text, cut to 200 characters. */
  detail?: string;
  /** The answer carried an access token (which is not kept). */
  tokenIssued?: boolean;
  /** The request failed before an answer. */
  error?: RecordedError;
  /** Another check of this run sent this very login (same URL and account): its answer, not a second login. */
  reused?: boolean;
}

/** Evidence of `spryker/demo-login`. */
export interface DemoLoginEvidence {
  /** Whether login probes were allowed in this run; when false, `attempts` lists what would have been tried. */
  allowed: boolean;
  attempts: LoginAttempt[];
  /** The login that answered 429, after which no further login was sent. */
  throttledAt?: { url: string; username: string };
  /** The answers came from golive's Spryker-like test shop (its x-golive-demo header). */
  demoShop?: boolean;
}

export interface ProductLookup {
  sku: string;
  url: string;
  status?: number;
  /** `data.attributes.name` of the abstract product, cut to 120 characters. */
  name?: string;
  error?: RecordedError;
}

export interface PageLookup {
  path: string;
  url: string;
  status?: number;
  location?: string;
  /** The HTML title, cut to 120 characters. */
  title?: string;
  /** Demo-data texts found in the body (e.g. info@spryker.com). */
  markers: string[];
  /** 401 with a Basic challenge: the page is behind HTTP basic auth. */
  basicAuth?: boolean;
  error?: RecordedError;
}

/** Evidence of `spryker/demo-catalogue`. */
export interface DemoCatalogueEvidence {
  products: ProductLookup[];
  pages: PageLookup[];
  /** A storefront path that cannot exist: a 200 here means the storefront answers 200 for anything. */
  control?: PageLookup;
  demoShop?: boolean;
}

/** Evidence of `spryker/demo-backoffice`: one GET of the Back Office login page, redirects not followed. */
export interface BackofficeEvidence {
  url: string;
  status: number;
  location?: string;
  /** The WWW-Authenticate header, cut to 200 characters. */
  authenticate?: string;
  /** The page has an `<input type="password">`. */
  passwordField: boolean;
  title?: string;
  demoShop?: boolean;
}
