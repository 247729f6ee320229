/**
 * The evidence of the latency probe. Types only, so the pure rules can import them. Numbers and
 * names only: never a body, a header value or a secret from the URL.
 */
import type { LoadSettings, LoadStats } from '../../load/types.js';

/** A secret header's environment variable is not set: nothing was sent. */
export interface NotConfigured {
  configured: false;
  /** Names of the variables that are unset or empty. */
  missing: string[];
}

/** One open-loop run at one rate. */
export interface LoadRun {
  rate: number;
  stats: LoadStats;
  elapsedMs: number;
}

export type LoadEvidence =
  | NotConfigured
  | {
      configured: true;
      /** What was sent and how: the URL without secrets, header names, the body's size. */
      settings: Omit<LoadSettings, 'rate'>;
      /** One run per asked rate, in the order they ran (average load first, then peak). */
      runs: LoadRun[];
    };
