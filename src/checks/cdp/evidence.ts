/**
 * The evidence shapes of the cdp probes. Types only, so the pure rules can import them. Never a
 * client key or an API token: requests are recorded as the URL without its query, the status and
 * what the answer said, scrubbed of both.
 */
import type { Refusal } from './target.js';

/** The credentials' environment variables are not set: nothing was sent. */
export interface NotConfigured {
  configured: false;
  /** Names of the variables that are unset or empty. */
  missing: string[];
}

/** Evidence of `cdp/browser`: one browser creation. */
export type BrowserEvidence =
  | NotConfigured
  | {
      configured: true;
      /** The request URL without its query (which carries the client key). */
      url: string;
      status: number;
      /** 401/403: the API refused the client key here. */
      refused?: Refusal;
      /** What a 2xx answer said. */
      answer?: {
        status?: string;
        version?: string;
        /** The new browser ID. */
        ref?: string;
        /** The guest reference the browser belongs to. */
        customerRef?: string;
        /** The body was not JSON (cut and scrubbed). */
        text?: string;
      };
    };

export interface FoundGuest {
  ref: string;
  /** visitor, customer, traveller; absent when the API did not say. */
  guestType?: string;
}

export interface IdentityLookup {
  provider: string;
  id: string;
  /** Whether the search was sent (not after the credentials were refused). */
  sent: boolean;
  status?: number;
  guests: FoundGuest[];
  /** The page was full: there may be more guests than listed. */
  more?: boolean;
}

/** Evidence of `cdp/guest-lookup`: one guest search per declared identity. */
export type GuestLookupEvidence =
  | NotConfigured
  | {
      configured: true;
      base: string;
      refused?: Refusal;
      lookups: IdentityLookup[];
    };

export interface BatchUpload {
  ref: string;
  status: string;
  createdAt?: string;
  modifiedAt?: string;
  /** The error log's URL (signed query parameters masked). */
  log?: string;
}

/** Evidence of `cdp/batch-inspect`: the failed and corrupted uploads of the last 30 days. */
export type BatchInspectEvidence =
  | NotConfigured
  | {
      configured: true;
      base: string;
      refused?: Refusal;
      /** The statuses asked for. */
      statuses: string[];
      /** What the API says matches (totalCount), when it says. */
      totalCount?: number;
      uploads: BatchUpload[];
      /** More uploads matched than were read. */
      truncated: boolean;
    };
