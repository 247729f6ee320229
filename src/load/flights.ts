import type { Dispatcher } from 'undici';
import { Recorder } from './recorder.js';
import { failureKind, Shot, type ShotOwner } from './shot.js';
import { bodyTemplate, nextNumber } from './template.js';
import type { LoadRequest, StatusRange } from './types.js';

/** What every phase of load needs, whatever paces it. */
export interface FlightSettings {
  request: LoadRequest;
  /** Most requests on the wire at once (one per connection). */
  connections: number;
  /** Per request, from its start (the intended one in open loop). */
  timeoutMs: number;
  lateThresholdMs: number;
  expect: StatusRange[];
}

class RequestTimeout extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * The requests of one phase in flight: sends them, times each out from its start, counts what
 * comes back, and tells when the last one has settled. Deadlines grow in send order, so a sweep
 * from the oldest request finds every expired one without a timer per request.
 */
export class Flights implements ShotOwner {
  readonly recorder: Recorder;
  private readonly options: Dispatcher.DispatchOptions;
  /** The body per request when it holds placeholders (template.ts). */
  private readonly bodyOf: ((n: number) => string) | undefined;
  private readonly queue: Shot[] = [];
  private head = 0;
  private inFlight = 0;
  private readonly sweeper: NodeJS.Timeout;
  private idle: (() => void) | undefined;
  /** Called after each settled request (the closed loop sends the next one). */
  onSettled: ((shot: Shot) => void) | undefined;

  constructor(private readonly pool: Dispatcher, private readonly settings: FlightSettings) {
    this.recorder = new Recorder(settings.expect, settings.lateThresholdMs);
    const url = new URL(settings.request.url);
    this.options = { path: `${url.pathname}${url.search}`, method: settings.request.method, headers: settings.request.headers, ...(settings.request.body !== undefined ? { body: settings.request.body } : {}) };
    this.bodyOf = settings.request.body === undefined ? undefined : bodyTemplate(settings.request.body);
    const every = Math.min(50, Math.max(5, settings.timeoutMs / 50));
    this.sweeper = setInterval(() => this.sweep(performance.now()), every);
  }

  get pending(): number {
    return this.inFlight;
  }

  /** Send one request meant for `intended`; counted when `measured`. */
  fire(intended: number, measured: boolean): void {
    const sent = performance.now();
    // One request per connection: with every connection busy, this one waits in the pool's queue.
    const shot = new Shot(this, intended, sent, measured, this.inFlight >= this.settings.connections);
    if (measured) this.recorder.started(intended, sent);
    this.inFlight++;
    this.queue.push(shot);
    this.pool.dispatch(this.bodyOf ? { ...this.options, body: this.bodyOf(nextNumber(this.settings.request)) } : this.options, shot);
  }

  connected(shot: Shot, at: number): void {
    if (shot.measured && shot.queued) this.recorder.queuedFor(at - shot.sent);
  }

  answered(shot: Shot, at: number): void {
    if (shot.settled) return;
    const latency = at - shot.start;
    // Past its deadline but before the sweep saw it: a timeout all the same.
    if (shot.measured) {
      if (latency >= this.settings.timeoutMs) this.recorder.failure('timeout');
      else this.recorder.answer(shot.status, latency);
    }
    this.settle(shot);
  }

  failed(shot: Shot, error: Error): void {
    if (shot.settled) return;
    if (shot.measured) this.recorder.failure(failureKind(error));
    this.settle(shot);
  }

  /** Resolves when nothing is in flight any more. */
  drained(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => (this.idle = resolve));
  }

  /** Stop: every request still in flight is cancelled and not counted. Returns how many measured ones there were. */
  abandon(): number {
    let n = 0;
    for (let i = this.head; i < this.queue.length; i++) {
      const shot = this.queue[i]!;
      if (shot.settled) continue;
      if (shot.measured) n++;
      shot.cancel(new Error('load run stopped'));
    }
    this.inFlight = 0;
    this.close();
    return n;
  }

  close(): void {
    clearInterval(this.sweeper);
    this.idle?.();
    this.idle = undefined;
  }

  private settle(shot: Shot): void {
    shot.settled = true;
    this.inFlight--;
    this.onSettled?.(shot);
    if (this.inFlight === 0 && this.idle) {
      const done = this.idle;
      this.idle = undefined;
      done();
    }
  }

  private sweep(now: number): void {
    const limit = this.settings.timeoutMs;
    while (this.head < this.queue.length) {
      const shot = this.queue[this.head]!;
      if (!shot.settled) {
        if (now - shot.start < limit) break;
        if (shot.measured) this.recorder.failure('timeout');
        this.settle(shot);
        shot.cancel(new RequestTimeout(`no complete answer within ${limit} ms`));
      }
      this.head++;
    }
    // Drop the settled prefix now and then, so a long run does not keep every request.
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }
}
