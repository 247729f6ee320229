/**
 * The evidence shapes of the http probes. Types only, so the pure rules can import them without
 * pulling in the probes' I/O. Everything is plain JSON: strings, numbers, arrays, objects.
 */

/** Response headers: lower-case names; repeated headers joined with ", " (as browsers read them),
 * except `set-cookie`, which is always an array with each cookie's value redacted. */
export type HeaderMap = Record<string, string | string[]>;

/** One response in a chain of requests. The last hop is the final response. */
export interface HttpHop {
  url: string;
  status: number;
  headers: HeaderMap;
  /** The Location header resolved against `url`, when the hop is a redirect. */
  location?: string;
  /** Milliseconds from sending this request to its response headers. */
  timeMs: number;
}

/** Facts read from an HTML body (the whole body up to maxBodyBytes, not only the kept excerpt). */
export interface HtmlFacts {
  /** `<meta http-equiv="Content-Security-Policy" content=...>` values in document order. */
  metaCsp: string[];
  /** `<meta name="referrer" content=...>`, the last one. */
  metaReferrer: string | null;
}

export interface RobotsRule {
  type: 'allow' | 'disallow';
  path: string;
}

export interface RobotsGroup {
  /** Lower-cased user-agent tokens of the group, e.g. ["*"] or ["googlebot", "bingbot"]. */
  agents: string[];
  rules: RobotsRule[];
}

/** A robots.txt body parsed into groups (RFC 9309), capped to keep the evidence small. */
export interface RobotsFacts {
  groups: RobotsGroup[];
  sitemaps: string[];
  /** Lines that were neither a known field nor a comment, up to a few. */
  unknownLines: string[];
  truncated: boolean;
}

export interface FinalResponse {
  url: string;
  status: number;
  headers: HeaderMap;
  contentType: string | null;
  /** Bytes read (after decompression). */
  bodyBytes: number;
  /** The start of the body as text, for people and for `contains` checks. */
  body: string;
  bodyTruncated: boolean;
  /** Canonical URLs in order: the Link header's rel=canonical, then HTML `<link rel=canonical>`, resolved. */
  canonicals: string[];
  /** The parsed body when it is JSON and small enough to keep. */
  json?: unknown;
  html?: HtmlFacts;
  robots?: RobotsFacts;
}

/** Evidence of `http/fetch`. */
export interface FetchEvidence {
  request: { url: string; method: 'GET' | 'HEAD' };
  /** Every response in order, the final one included: `hops.length - 1` redirects were followed. */
  hops: HttpHop[];
  final: FinalResponse;
  timings: {
    /** From the first request to the final response's headers. */
    ttfbMs: number;
    /** From the first request to the end of the final body. */
    totalMs: number;
  };
}

/** A probe error recorded inside evidence (a row or a side request that failed while the rest went on). */
export interface RecordedError {
  code: string;
  message: string;
}

/** Evidence of `http/timing`. */
export interface TimingEvidence {
  request: { url: string; method: 'GET' | 'HEAD' };
  warmup: number;
  samples: { status: number; ttfbMs: number; totalMs: number }[];
  stats: {
    ttfb: { p50: number; p95: number; max: number; mean: number };
    total: { p50: number; p95: number; max: number; mean: number };
  };
}

export interface RedirectMapRow {
  /** 1-based line of the row in the CSV file. */
  line: number;
  old: string;
  new: string;
  hops: { url: string; status: number; location?: string }[];
  finalUrl: string | null;
  finalStatus: number | null;
  canonical: string | null;
  error?: RecordedError;
}

/** Evidence of `http/redirect-map`. */
export interface RedirectMapEvidence {
  file: string;
  rows: RedirectMapRow[];
  /** Rows in the file (may exceed rows.length when maxRows cut the list). */
  totalRows: number;
  truncated: boolean;
}

/** Evidence of `http/security-scan`: what the MDN HTTP Observatory looks at, gathered in one run. */
export interface SecurityScanEvidence {
  url: string;
  /** The https:// page, redirects followed (the Observatory's "auto" and "https" responses). */
  https: { hops: HttpHop[]; final: FinalResponse };
  /** The http:// chain for the redirection test; `error` when it could not be followed. */
  http: { url: string; hops: { url: string; status: number }[]; error?: RecordedError };
  /** A CORS preflight (OPTIONS with Origin) to the final URL. */
  cors: { origin: string; status?: number; headers?: HeaderMap; error?: RecordedError };
}
