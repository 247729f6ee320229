import type { Artifact } from '../../browser/artifacts.js';
import type { CapturedRequest, ConsoleEntry, CspViolation, PageMetrics, SlotState, StepRecord } from '../../browser/types.js';
import type { CallKind, Sdk } from './sitecore.js';

/** What one load of a page showed (page/load), as the page rules read it. */
export interface SitecoreCall {
  kind: CallKind;
  sdk: Sdk;
  url: string;
  method: string;
  /** ms after the load began, browser clock. */
  startMs: number;
  durationMs?: number;
  /** Main-frame document: 0 for the first page, then one more per navigation. */
  document: number;
  status?: number;
  failure?: string;
  blocked?: boolean;
  /** The JSON sent (an event, a decision request), cut to a few hundred characters a value. */
  body?: unknown;
  /** The JSON answered (for a decision: the experience's content, e.g. its variant). */
  response?: unknown;
}

/** A request as the evidence lists it: what the browser captured, without its document and bodies. */
/** Lazy images the probe fetches at most (slots hold up to 10 images each). */
export const MAX_LAZY_IMAGES = 50;

export type RequestSeen = Omit<CapturedRequest, 'document' | 'body' | 'response'>;

/** One event rule of golive data validate over the events the page sent. */
export interface EventCheck {
  id: string;
  title: string;
  severity: 'fail' | 'warn';
  applicable: number;
  violations: number;
  /** The first offending value, as the rule shows it. */
  example?: string | null;
  subject?: string;
}

export interface PageEvidence {
  url: string;
  finalUrl: string;
  status: number;
  /** Loaded with Sitecore's calls and scripts blocked (the fallback comparison). */
  blocked: boolean;
  lang: string | null;
  title: string;
  sdk: {
    cloud?: { core?: string; events?: string; personalize?: string; edgeUrl?: string; siteName?: string; contextId?: string };
    engage?: { version: string };
    /** SDK files requested, with the main-frame document that asked (0 = the first page; absent = 0). */
    scripts: { url: string; sdk: Sdk; status?: number; failure?: string; startMs: number; document?: number }[];
    /** Distinct copies that set the SDK's global. */
    copies: { cloud: number; engage: number };
  };
  calls: SitecoreCall[];
  requests: { count: number; truncated: boolean; list: RequestSeen[] };
  /** Console errors and warnings. */
  console: ConsoleEntry[];
  /** Uncaught exceptions and unhandled rejections. */
  errors: { message: string; atMs: number }[];
  csp: CspViolation[];
  steps: StepRecord[];
  journeyComplete: boolean;
  consent: { declared: boolean; atMs?: number; cookiesBefore?: string[] };
  slots: SlotState[];
  /** Links in the slots, fetched (GET) with the run's network controls. */
  links: { url: string; status?: number; error?: string }[];
  events: { sent: number; types: string[]; checks: EventCheck[]; skipped: { id: string; reason: string }[] };
  /** Facts from golive.yaml `cdp:` the values were compared with (null: not declared). */
  declared: { languages: string[] | null; identityRules: string[] | null };
  metrics: PageMetrics;
  screenshot?: Artifact;
  durationMs: number;
}

/** page/compare: the same page with and without personalisation. */
export interface CompareEvidence {
  url: string;
  normal: { metrics: PageMetrics; durationMs: number; calls: number; screenshot?: Artifact };
  blocked: { metrics: PageMetrics; durationMs: number; blockedRequests: number; screenshot?: Artifact };
}
