/**
 * The options, problems and request log of the Spryker-like test shop. It follows the responses
 * that the public Spryker demo shops and docs describe, but it is golive's own loopback stand-in:
 * every response says so, and nothing in it is Spryker code.
 */

/** Which application a request reached, from its Host header. */
export type ShopApp = 'yves' | 'glue' | 'glue-backend' | 'backoffice' | 'apex' | 'unknown';

/** The brute-force counter a login counts against (the demo shops keep one per kind of user). */
export type LoginKind = 'customer' | 'agent' | 'backoffice-user';

export interface ShopHosts {
  /** The storefront, e.g. www.shop.example. */
  yves: string;
  /** The storefront REST API, e.g. glue.shop.example. */
  glue: string;
  /** The backend API, e.g. glue-backend.shop.example. */
  glueBackend: string;
  /** The Back Office, e.g. backoffice.shop.example. */
  backoffice: string;
  /** A bare domain that redirects to the storefront. */
  apex?: string;
}

/** What is wrong with the shop: each one a go-live problem that a golive rule should find. */
export interface ShopProblems {
  /** The installer admins (admin@spryker.com, admin_de@spryker.com) still log in with the demo password. */
  demoAdminLogsIn: boolean;
  /** The imported demo customers still log in with the demo password. */
  demoCustomersLogIn: boolean;
  /** Abstract product 001 and the demo CMS pages are live. */
  demoCatalogue: boolean;
  /** The storefront asks for HTTP basic auth (left over from staging). */
  basicAuthOnStorefront: boolean;
  /** The Back Office login page answers everyone (else 403, as behind an IP allow-list). */
  backofficePublic: boolean;
  /** What /health-check answers on every application: 200, 403 (switched off) or 503. */
  healthCheck: 'ok' | 'disabled' | 'failing';
  /** Failed logins per account before the shop answers 429 (the demo shops' blocker uses 9). */
  throttleAfter: number;
  /** Storefront pages that do not exist answer 200 (a catch-all route), not 404. */
  softNotFound: boolean;
}

/** A clean shop: no demo data, Back Office behind an allow-list, health check on. */
export const CLEAN_SHOP: ShopProblems = {
  demoAdminLogsIn: false,
  demoCustomersLogIn: false,
  demoCatalogue: false,
  basicAuthOnStorefront: false,
  backofficePublic: false,
  healthCheck: 'ok',
  throttleAfter: 9,
  softNotFound: false,
};

export interface ShopOptions {
  hosts: ShopHosts;
  problems?: Partial<ShopProblems>;
  /** PEM text: the key, the leaf certificate and any intermediates to send after it. */
  tls: { key: string; cert: string; chain?: string };
  /** Loopback address to listen on (default 127.0.0.1). */
  address?: string;
  /** Port (default 0: any free one). */
  port?: number;
}

/** One request as the shop saw it. Passwords are never recorded: the username tried is enough. */
export interface ShopRequest {
  app: ShopApp;
  method: string;
  /** The Host header without its port, lower case. */
  host: string;
  path: string;
  status: number;
  /** Set on login requests (whatever their outcome). */
  login?: LoginKind;
  username?: string;
}

export interface SprykerShop {
  port: number;
  address: string;
  /** Base URLs with the port, e.g. { glue: 'https://glue.shop.example:40123' }. */
  urls: Record<keyof ShopHosts, string>;
  /** --resolve overrides that send every shop host to the shop ("host:port" -> address). */
  resolve: Record<string, string>;
  /** Every request so far, oldest first (the array grows; copy it to keep a snapshot). */
  requests: ShopRequest[];
  /** The problems in force (defaults filled in). */
  problems: ShopProblems;
  close(): Promise<void>;
}

/** Sent on every response so that nobody takes the shop for the real platform. */
export const DEMO_HEADER = 'x-golive-demo';
export const DEMO_HEADER_VALUE = 'spryker-like test shop (golive loopback demo, not Spryker)';
