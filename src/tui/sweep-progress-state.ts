import type { SweepEvent } from '../app/sweep-repos.js';

/** What the live sweep display shows; a pure reducer over the sweep's events. */
export type SweepProgressState = {
  total: number;
  done: number;
  resumed: boolean;
  skipped: number;
  /** Each repository in flight with its phase and, while mirroring, git's stage and percentage. */
  inFlight: Map<string, string>;
  keys: number;
  failed: number;
  verifying: number | null;
  startedAt: number;
  last: string | null;
};

export function initialSweepProgress(now: number): SweepProgressState {
  return { total: 0, done: 0, resumed: false, skipped: 0, inFlight: new Map(), keys: 0, failed: 0, verifying: null, startedAt: now, last: null };
}

export function reduceSweepProgress(state: SweepProgressState, event: SweepEvent): SweepProgressState {
  switch (event.kind) {
    case 'start':
      return { ...state, total: event.total, done: event.skipped, resumed: event.resumed, skipped: event.skipped };
    case 'phase': {
      const inFlight = new Map(state.inFlight);
      inFlight.set(event.identity, event.detail ? `${event.phase} (${event.detail})` : event.phase);
      return { ...state, inFlight };
    }
    case 'repo': {
      const inFlight = new Map(state.inFlight);
      inFlight.delete(event.identity);
      const failed = state.failed + (event.outcome === 'failed' ? 1 : 0);
      return { ...state, inFlight, done: event.done, keys: state.keys + event.findings, failed, last: `${event.identity}: ${event.outcome}` };
    }
    case 'verify':
      return { ...state, verifying: event.keys };
  }
}
