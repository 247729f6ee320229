import type { Dispatcher } from 'undici';
import { Flights, type FlightSettings } from './flights.js';
import type { LoadStats } from './types.js';

/**
 * Node's timers fire on whole milliseconds, usually a fraction late. A request due within this
 * much is sent now; its latency is then counted from the actual send, so going early never makes
 * the server look faster, and the schedule keeps sub-millisecond accuracy on average.
 */
export const EARLY_MS = 1;
/** Requests sent in one turn of the event loop at most, so answers are read between batches. */
const MAX_BATCH = 1000;

export interface OpenLoopPlan extends FlightSettings {
  /** Requests per second. */
  rate: number;
  /** Sent at the same rate before the measured phase and not counted. */
  warmupMs: number;
  durationMs: number;
}

export interface PhaseResult {
  stats: LoadStats;
  elapsedMs: number;
  interrupted: boolean;
  abandoned: number;
}

/** Requests an open-loop plan sends in its measured phase: at least one. */
export function measuredRequests(rate: number, durationMs: number): number {
  return Math.max(1, Math.round((rate * durationMs) / 1000));
}

/** Runs a phase until its requests have settled or `signal` stops it; `start` fires the first requests. */
function phase(flights: Flights, periodMs: number, signal: AbortSignal | undefined, start: (stopped: () => boolean, finish: () => void) => () => void): Promise<PhaseResult> {
  const begun = performance.now();
  return new Promise((resolve) => {
    let done = false;
    let stopTimers = () => undefined as void;
    const end = (interrupted: boolean, abandoned: number) => {
      if (done) return;
      done = true;
      stopTimers();
      signal?.removeEventListener('abort', onAbort);
      flights.close();
      resolve({ stats: flights.recorder.stats(periodMs), elapsedMs: Math.round(performance.now() - begun), interrupted, abandoned });
    };
    const onAbort = () => end(true, flights.abandon());
    if (signal?.aborted) return end(true, 0);
    signal?.addEventListener('abort', onAbort, { once: true });
    stopTimers = start(() => done, () => void flights.drained().then(() => end(false, 0)));
  });
}

/**
 * Open loop: request i is due at t0 + i / rate whatever happened to the ones before, and its
 * latency runs from that intended start. A server that stalls therefore shows the stall in every
 * request that should have gone out meanwhile (no coordinated omission), and a generator that falls
 * behind shows up as late starts.
 */
export function runOpenLoop(pool: Dispatcher, plan: OpenLoopPlan, signal?: AbortSignal): Promise<PhaseResult> {
  const flights = new Flights(pool, plan);
  const period = 1000 / plan.rate;
  // At least one warm-up request when a warm-up is asked for: at low rates it would round to none, and
  // the first measured request would pay for DNS, TCP and TLS.
  const warm = plan.warmupMs > 0 ? Math.max(1, Math.round((plan.rate * plan.warmupMs) / 1000)) : 0;
  const total = warm + measuredRequests(plan.rate, plan.durationMs);
  const t0 = performance.now();
  let next = 0;
  let timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  return phase(flights, period, signal, (stopped, finish) => {
    const tick = () => {
      if (stopped()) return;
      let batch = 0;
      while (next < total && batch < MAX_BATCH && t0 + next * period <= performance.now() + EARLY_MS) {
        flights.fire(t0 + next * period, next >= warm);
        next++;
        batch++;
      }
      if (next >= total) return finish();
      const wait = t0 + next * period - performance.now();
      timer = batch >= MAX_BATCH ? setImmediate(tick) : setTimeout(tick, Math.max(1, Math.floor(wait)));
    };
    tick();
    return () => {
      clearTimeout(timer as NodeJS.Timeout);
      clearImmediate(timer as NodeJS.Immediate);
    };
  }).then((r) => ({ ...r, elapsedMs: Math.max(0, Math.round(r.elapsedMs - warm * period)) }));
}

/**
 * Closed loop, for measuring the most the generator can push: each of `connections` workers sends
 * its next request as soon as the previous one settles, for `durationMs`. Latency runs from the
 * actual send, so it hides stalls the way every closed-loop tool does; use it for throughput only.
 */
export function runClosedLoop(pool: Dispatcher, plan: FlightSettings & { durationMs: number }, signal?: AbortSignal): Promise<PhaseResult> {
  const flights = new Flights(pool, plan);
  const until = performance.now() + plan.durationMs;
  return phase(flights, 0, signal, (stopped, finish) => {
    let finished = false;
    const send = () => flights.fire(performance.now(), true);
    flights.onSettled = () => {
      if (stopped()) return;
      if (performance.now() < until) queueMicrotask(send);
      else if (!finished) {
        finished = true;
        finish();
      }
    };
    for (let i = 0; i < plan.connections; i++) send();
    return () => undefined;
  });
}
