/**
 * What a long-running use case is doing: `plan` (reading refs), `packs` (a history scan reading the packs:
 * `done` entries of `total`), `scan` (reading and matching), `attribute`, `verify`.
 */
export type ProgressPhase = 'plan' | 'packs' | 'scan' | 'attribute' | 'verify';

/**
 * One progress report. `done` counts files or objects read (keys checked while verifying); `total` is null
 * when it is not known in advance (a history stream); `bytes` and `findings` are running totals.
 */
export type ProgressEvent = { phase: ProgressPhase; done: number; total: number | null; bytes: number; findings: number };

/** A listener for progress; use cases call it often (every few dozen objects), so it must be cheap. */
export type ProgressListener = (event: ProgressEvent) => void;

export const NO_PROGRESS: ProgressListener = () => {};
