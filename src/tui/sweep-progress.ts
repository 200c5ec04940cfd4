import { Box, Text, render } from 'ink';
import { createElement as h } from 'react';
import type { SweepEvent } from '../app/sweep-repos.js';
import { printable } from '../report/printable.js';
import { type SweepProgressState, initialSweepProgress, reduceSweepProgress } from './sweep-progress-state.js';

/** The live display of a sweep on a terminal: counts, throughput, repositories in flight with their phase. */
function SweepProgressView({ state, now }: { state: SweepProgressState; now: number }) {
  const minutes = Math.max((now - state.startedAt) / 60_000, 1 / 600);
  const rate = (state.done - state.skipped) / minutes;
  const flight = [...state.inFlight].slice(0, 6);
  return h(
    Box,
    { flexDirection: 'column' },
    h(Text, { bold: true }, `keysweep sweep: ${state.done}/${state.total} repositories${state.resumed ? ` (resumed, ${state.skipped} already done)` : ''}`),
    h(Text, null, `keys so far ${state.keys} · failed ${state.failed} · ${rate.toFixed(0)} repositories/min`),
    ...flight.map(([identity, phase]) => h(Text, { key: identity, dimColor: true }, `  ${printable(phase).padEnd(9)} ${printable(identity)}`)),
    state.verifying !== null ? h(Text, null, `verifying ${state.verifying} distinct key(s) with OpenAI…`) : null,
    state.last ? h(Text, { dimColor: true }, `last: ${printable(state.last)}`) : null,
  );
}

export type SweepProgressDisplay = { onEvent: (event: SweepEvent) => void; stop: () => void };

/** Draws the sweep's progress on `stream` (standard error on a terminal), redrawing on every event. */
export function startSweepProgress(stream: NodeJS.WriteStream, clock: () => number = Date.now): SweepProgressDisplay {
  let state = initialSweepProgress(clock());
  const view = () => h(SweepProgressView, { state, now: clock() });
  const ink = render(view(), { stdout: stream, patchConsole: false, exitOnCtrlC: false });
  return {
    onEvent(event) {
      state = reduceSweepProgress(state, event);
      ink.rerender(view());
    },
    stop() {
      ink.rerender(view());
      ink.unmount();
    },
  };
}
