import type { Dispatcher } from 'undici';
import { toProbeError } from '../net/errors.js';

/** What a request's owner hears back. */
export interface ShotOwner {
  /** The response is complete at `at` (performance.now()). */
  answered(shot: Shot, at: number): void;
  failed(shot: Shot, error: Error): void;
  connected(shot: Shot, at: number): void;
}

/**
 * One request as an undici dispatch handler: no response stream, no body buffering, just the
 * status and the moment the last byte arrived. A request that was settled (timed out, or the run
 * was stopped) while it still waited for a connection is dropped when it gets one, without
 * touching the socket.
 */
export class Shot implements Dispatcher.DispatchHandler {
  status = 0;
  settled = false;
  private controller: Dispatcher.DispatchController | undefined;

  constructor(
    private readonly owner: ShotOwner,
    /** When it should have been sent (performance.now() clock). */
    readonly intended: number,
    /** When it was handed to the pool. */
    readonly sent: number,
    /** Counted in the stats (false during warm-up). */
    readonly measured: boolean,
    /** Sent while every connection was busy. */
    readonly queued: boolean,
  ) {}

  /** Latency is counted from here: the intended start, or the actual one if the timer let it go a little early. */
  get start(): number {
    return Math.min(this.intended, this.sent);
  }

  /** End it now (time-out or stop); a request on the wire loses its connection, as it would with any client. */
  cancel(reason: Error): void {
    this.settled = true;
    this.controller?.abort(reason);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    // Throwing here makes undici drop the request before writing it; the connection stays usable.
    if (this.settled) throw new Error('request ended before a connection was free');
    this.controller = controller;
    this.owner.connected(this, performance.now());
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
    this.status = statusCode;
  }

  onResponseData(): void {
    // The body is read and dropped: its bytes are part of the latency, its content is not needed.
  }

  onResponseEnd(): void {
    this.owner.answered(this, performance.now());
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.owner.failed(this, error);
  }
}

/** The error kind of a failed request: `timeout`, or a probe error code in kebab case (`connection-refused`). */
export function failureKind(error: unknown): string {
  const code = toProbeError(error, 'load').code;
  return code === 'TIMEOUT' ? 'timeout' : code.toLowerCase().replaceAll('_', '-');
}
