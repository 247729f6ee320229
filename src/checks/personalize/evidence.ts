/**
 * The evidence shapes of the personalize probes. Types only, so the pure rules can import them.
 * Never an API key, secret or access token: requests are recorded as paths and statuses, and every
 * text taken from an answer is scrubbed of the credentials first.
 */
import type { NotConfigured } from '../cdp/evidence.js';
import type { Refusal } from '../cdp/target.js';

export type { NotConfigured } from '../cdp/evidence.js';

export type AuthMode = 'oauth' | 'basic';

/** A refusal of the credentials: at the token endpoint (OAuth) or by the API itself (Basic, or a key without the feature). */
export interface ApiRefusal extends Refusal {
  at: 'token' | 'api';
}

/** What every configured personalize evidence carries. */
export interface Answered {
  configured: true;
  /** The API base URL (origin and path). */
  base: string;
  auth: AuthMode;
  refused?: ApiRefusal;
}

export interface TrafficSplit {
  /** The variant the share goes to, when the entry names one. */
  variant?: string;
  /** The share in percent; absent when the entry carries no number golive can read. */
  percent?: number;
}

export interface FlowVariant {
  ref?: string;
  name?: string;
  /** Marked as the control group. */
  control?: boolean;
}

/** One flow definition (experience or experiment), cut down to what the rules judge. */
export interface Flow {
  ref: string;
  friendlyId?: string;
  name?: string;
  /** INTERACTIVE_WEB_FLOW, INTERACTIVE_API_FLOW, TRIGGERED_V3 */
  type?: string;
  /** EXPERIMENT or EXPERIENCE */
  subtype?: string;
  /** DRAFT, PUBLISHING, PRODUCTION, SCHEDULED, LIVE, PAUSED, COMPLETED */
  status?: string;
  archived?: boolean;
  channels?: string[];
  /** Absent when the answer had no schedule object. */
  schedule?: { startDate?: string; endDate?: string };
  /** Absent when the answer had no traffic object. */
  traffic?: { allocation?: number; weightingAlgorithm?: string; splits: TrafficSplit[] };
  variants: FlowVariant[];
  /** Absent when the answer had no sampleSizeConfig object. */
  sampleSize?: { baseValue?: number; minimumDetectableDifference?: number; confidenceLevel?: number };
  /** Audience or segment names the answer carried (no documented field: present only when the tenant's answer had one). */
  audiences?: string[];
}

/** Evidence of `personalize/flows`: the tenant's flow definitions, and the segments the project declares. */
export type FlowsEvidence =
  | NotConfigured
  | (Answered & {
      flows: Flow[];
      /** More flows exist than were read. */
      truncated: boolean;
      /** Listed items without a ref, left out. */
      unreadable: number;
      /** Segment names declared in golive.yaml (cdp.segments). */
      declaredSegments: string[];
    });

export interface DecisionNode {
  id: string;
  name?: string;
  type?: string;
  /** The node's error, as text. */
  error?: string;
  executionTimeMs?: number;
  /** The node's outputs; cut to `outputsCut` when large. */
  outputs: unknown[];
  outputsCut?: boolean;
  dependentNodeIds: string[];
}

export type Unresolved = 'model-not-found' | 'model-ambiguous' | 'variant-not-found' | 'variant-ambiguous';

/** One fixture guest run through one decision model variant. */
export interface DecisionTest {
  name: string;
  /** The model as declared (a ref or a name). */
  model: string;
  modelRef?: string;
  variantRef?: string;
  /** Why no test was sent: the model or variant could not be found. */
  unresolved?: Unresolved;
  /** Candidates when the variant was ambiguous or not found (names). */
  candidates?: string[];
  /** Whether the test was sent (not after a refusal). */
  sent: boolean;
  status?: number;
  /** What a non-2xx answer said (scrubbed). */
  detail?: string;
  error?: string;
  errorCause?: string;
  /** Total execution time: the answer's own figure, or the sum over nodes (`totalFrom`). */
  totalMs?: number;
  totalFrom?: 'answer' | 'nodes';
  /** The round trip as golive measured it (network included). */
  roundTripMs?: number;
  nodes: DecisionNode[];
}

/** Evidence of `personalize/decision-tests`: one POST /v2/testDecisionModel per fixture. */
export type DecisionTestsEvidence = NotConfigured | (Answered & { tests: DecisionTest[] });

export interface ConnectionTimeout {
  /** Where the value was found, e.g. request.connectionTimeout. */
  path: string;
  kind: 'connect' | 'socket' | 'other';
  /** Milliseconds; absent when the field was there but not a number. */
  ms?: number;
}

export interface Connection {
  ref?: string;
  name: string;
  systemType?: string;
  authType?: string;
  requestType?: string;
  /** Origin of the connection URL (never its path or query, which may carry keys). */
  host?: string;
  timeouts: ConnectionTimeout[];
}

/** Evidence of `personalize/connections`. */
export type ConnectionsEvidence = NotConfigured | (Answered & { connections: Connection[]; truncated: boolean });
