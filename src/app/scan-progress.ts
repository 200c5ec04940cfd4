import type { ScanProgress } from '../scan/run-scan.js';
import type { ProgressListener } from './progress.js';

/** The pipeline's running counts as `scan` progress events. */
export function scanProgress(listener: ProgressListener, total: number | null = null): ScanProgress {
  return (done, bytes, findings) => listener({ phase: 'scan', done, total, bytes, findings });
}
