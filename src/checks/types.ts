import type { z } from 'zod';
import type { CdpFacts } from '../playbook/cdp.js';

/**
 * The unit of extension. A probe gathers evidence (I/O, never judges); a rule judges evidence
 * (pure, never does I/O). Several rules share one probe result when they ask for the same input.
 */

/** What a check says. `error` means "could not verify", and blocks like a failure by default. */
export type VerdictStatus = 'pass' | 'warn' | 'fail' | 'error' | 'skipped' | 'manual';

export const VERDICT_STATUSES: readonly VerdictStatus[] = ['pass', 'warn', 'fail', 'error', 'skipped', 'manual'];

/** One observation behind a verdict. Every non-pass finding says what to do in `hint`. */
export interface Finding {
  severity: 'fail' | 'warn' | 'info';
  /** Stable machine-readable code, e.g. `cert-expired`, `spf-too-many-lookups`. */
  code: string;
  message: string;
  hint?: string;
  /** Where it was seen (a host, a URL, a resolver, a record). */
  subject?: string;
}

export interface Verdict {
  status: VerdictStatus;
  /** One line for people: the rule's title or failure title with the decisive detail. */
  summary: string;
  findings: Finding[];
  /** A probe error code when status is `error` (see ProbeErrorCode). */
  code?: ProbeErrorCode;
}

/** The closed set of reasons a probe could not gather evidence. */
export const PROBE_ERROR_CODES = [
  'TIMEOUT',
  'ABORTED',
  'DNS_NOT_FOUND',
  'DNS_NO_DATA',
  'DNS_SERVFAIL',
  'DNS_REFUSED',
  'DNS_TIMEOUT',
  'DNS_ERROR',
  'CONNECTION_REFUSED',
  'CONNECTION_RESET',
  'HOST_UNREACHABLE',
  'TLS_HANDSHAKE',
  'TLS_CERT',
  'HTTP_STATUS',
  'HTTP_PROTOCOL',
  'HTTP_TOO_LARGE',
  'HTTP_REDIRECT_LOOP',
  'INVALID_TARGET',
  'NETWORK',
  'FILE_NOT_FOUND',
  'FILE_UNREADABLE',
] as const;
export type ProbeErrorCode = (typeof PROBE_ERROR_CODES)[number];

/** A probe could not gather its evidence. Every rule that needs the probe becomes `error` with this code. */
export class ProbeError extends Error {
  readonly code: ProbeErrorCode;
  readonly hint: string | undefined;
  /** Transient errors (resets, timeouts, SERVFAIL) are retried by the runner; others are not. */
  readonly transient: boolean;
  constructor(code: ProbeErrorCode, message: string, options: { cause?: unknown; hint?: string; transient?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProbeError';
    this.code = code;
    this.hint = options.hint;
    this.transient = options.transient ?? false;
  }
}

/**
 * The user's network controls. Every probe honours them: resolve names through `lookup` from
 * src/net (which applies `resolve` overrides and `resolvers`), trust `ca` on top of the system roots.
 */
export interface NetOptions {
  /** DNS servers as IP or IP:PORT ("127.0.0.1:5353", "[::1]:53"); empty = the system's. */
  resolvers: string[];
  /** Host overrides like curl's --resolve: "host:port" (or "host:*") -> address. */
  resolve: Record<string, string>;
  /** Extra trusted CA certificates (PEM text), added to Node's bundled roots. */
  ca: string[];
  /** Per-probe time limit in milliseconds. */
  timeoutMs: number;
}

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
}

export interface ProbeContext {
  signal: AbortSignal;
  net: NetOptions;
  log: Logger;
  /** The clock of the run (probes that must record "when" use it; rules get it separately). */
  now: Date;
  /** Directory that relative file targets (a redirect map CSV) are read from: the project's, or the working directory. */
  cwd: string;
  /**
   * Whether probes may log in somewhere (demo-user checks). Off unless the user opts in with
   * --allow-login-probes or `loginProbes: true` on the environment; a probe that would log in
   * reports that it was not allowed instead, and never tries an account twice in one run.
   */
  allowLogin: boolean;
  /** The project's declared Sitecore CDP tenant facts (golive.yaml `cdp:`), for probes that judge exported data against them; absent without a project. */
  cdp?: CdpFacts;
  /** What the probes of one run share (one browser for every page check); absent outside a run, where a probe makes its own. */
  resources?: RunResources;
}

/**
 * Costly things the probes of one run share: made on first use under a key, closed when the run
 * ends (finished, timed out or cancelled), so a browser launched for the first page check serves
 * every other and never outlives the run.
 */
export interface RunResources {
  use<T>(key: string, open: () => Promise<T>, close: (value: T) => Promise<void>): Promise<T>;
}

export interface Probe<Input = unknown, Evidence = unknown> {
  id: string;
  /** One line: what the probe observes. */
  description: string;
  input: z.ZodType<Input>;
  /**
   * A longer time limit for probes bound by local work or by a duration they are asked for (reading
   * a large export, sending load for a minute): the probe gets the larger of this and the run's
   * --timeout. A function computes it from the probe's input, so the limit fits what was asked.
   */
  timeoutMs?: number | ((input: Input) => number);
  /**
   * Probes that share a scarce local resource (the run's browser) name it and how many may use it
   * at once: the runner starts at most `max` of them together, so that waiting for the resource
   * never counts against a probe's time limit. The first probe to name a resource sets its `max`.
   */
  shares?: { resource: string; max: number };
  run(input: Input, ctx: ProbeContext): Promise<Evidence>;
}

/** What a rule checks. `target` shapes the probe input; a plain string on the command line maps through `targetFromString`. */
export interface RuleMeta {
  /** `<domain>/<noun-phrase>`, equal to the file name: `tls/cert-expiry` lives in `tls/cert-expiry.rule.ts`. */
  id: `${string}/${string}`;
  probe: string;
  /** The passing state, e.g. "Certificate valid long enough after go-live". */
  title: string;
  /** The failing state, e.g. "Certificate expires too soon after go-live". */
  failureTitle: string;
  /** A paragraph for the rule reference: what it checks and why it matters on launch day. */
  description: string;
  /** Relative link into the rule reference, e.g. "docs/rules/tls/cert-expiry.md". */
  docs: string;
  /** What a target names, e.g. "host[:port]", "URL", "domain". Shown in `golive rules` and --help. */
  targetHelp: string;
  /** Example targets and options for the docs, e.g. [{ target: 'shop.example.com', with: { minDaysAfterGoLive: 30 } }]. */
  examples: { target: string; with?: Record<string, unknown> }[];
}

export interface RuleContext {
  now: Date;
  goLive: Date;
}

export interface Rule<Target = unknown, Options = unknown, Evidence = unknown> {
  meta: RuleMeta;
  /** Where to look: validated at load time, with diagnostics into the YAML. */
  target: z.ZodType<Target>;
  targetFromString(text: string): unknown;
  options: z.ZodType<Options>;
  /** The probe input for this target and these options; equal inputs share one probe run. */
  probeInput(target: Target, options: Options): unknown;
  judge(evidence: Evidence, options: Options, ctx: RuleContext): Verdict;
}

/** Type-erased forms for registries. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any, any, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProbe = Probe<any, any>;
