import type { Artifact } from './artifacts.js';
import type { SlotWatch } from './in-page.js';
import type { Step } from './steps.js';

/** What to load and how: the engine's input (the page pack builds it from probe input). */
export interface LoadSpec {
  url: string;
  /** Clicked first, after the page loaded: the consent banner's accept button. */
  consent?: string;
  steps: Step[];
  slots: SlotWatch[];
  /** Requests to abort (the fallback and performance comparisons block the SDK and decision calls). */
  block?: (url: URL) => boolean;
  /** Requests whose JSON bodies (sent and received) are kept: tracking and decision calls. */
  keepBody: (url: URL) => boolean;
  /** Environment lookup for `secret` steps. */
  secret: (name: string) => string | undefined;
  /** How long an element step waits for its element. */
  stepTimeoutMs: number;
  /** How long, from the start, declared slots may take to fill before the page is read. */
  slotWaitMs: number;
  /** After the journey: wait for the network to be quiet this long at most. */
  settleMs: number;
  /** Where the screenshot goes (the project directory); none when undefined. */
  artifactsIn?: string;
}

export interface CapturedRequest {
  url: string;
  method: string;
  /** Playwright's resource type: document, script, fetch, xhr, image, ... */
  type: string;
  /** Start, ms after the load began (browser clock). */
  startMs: number;
  durationMs?: number;
  status?: number;
  failure?: string;
  /** Aborted on purpose (blocked load, or an origin that failed the --ca-file check). */
  blocked?: boolean;
  /** Main-frame document it belongs to: 0 for the first page, 1 after the first navigation, ... */
  document: number;
  body?: unknown;
  response?: unknown;
}

export interface ConsoleEntry {
  type: string;
  text: string;
  atMs: number;
  source?: string;
}

export interface StepRecord {
  step: string;
  consent?: boolean;
  atMs: number;
  durationMs: number;
  ok: boolean;
  error?: string;
}

export interface SlotState {
  name: string;
  found: boolean;
  /** ms after its document started, when the slot first had content; absent if it never did. */
  filledAtMs?: number;
  visible?: boolean;
  text?: string;
  links?: { href: string; text: string }[];
  /**
   * `lazy`: loading="lazy" and not loaded yet (below the window, the browser has not asked for it);
   * such an image is fetched by the probe instead: `status` or `error` is its answer.
   */
  images?: { src: string; loaded: boolean; lazy?: boolean; status?: number; error?: string }[];
  /** data-*variant*, data-*experience*, ... attributes in the slot: which variant was shown. */
  attributes?: Record<string, string>;
}

export interface CspViolation {
  blockedUri: string;
  directive: string;
  source: string;
  disposition: string;
  at: number;
}

export interface PageMetrics {
  lcpMs: number | null;
  fcpMs: number | null;
  cls: number;
  /** Sum over long tasks after first contentful paint of the part above 50 ms. */
  tbtMs: number;
  longTasks: number;
}

export interface PageCapture {
  url: string;
  finalUrl: string;
  status: number;
  lang: string | null;
  title: string;
  scripts: string[];
  cloud?: { core?: { version: string; settings?: { sitecoreEdgeUrl: string; siteName: string; sitecoreEdgeContextId: string } }; events?: { version: string }; personalize?: { version: string } };
  engage?: { version: string };
  /** Distinct copies of each SDK global seen (scCloudSDK, Engage). */
  copies: Record<string, number>;
  requests: CapturedRequest[];
  console: ConsoleEntry[];
  errors: { message: string; atMs: number }[];
  csp: CspViolation[];
  steps: StepRecord[];
  /** Journey finished as declared; otherwise the first failed step says why. */
  journeyComplete: boolean;
  cookies: { beforeConsent?: string[]; after: string[] };
  slots: SlotState[];
  metrics: PageMetrics;
  screenshot?: Artifact;
  durationMs: number;
}
