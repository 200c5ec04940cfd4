import { UsageError } from '../core/errors.js';
import type { CliIo } from './cli-io.js';

/** `keysweep triage` with the terminal UI. */
export async function triageUiCommand(_args: string[], io: CliIo): Promise<number> {
  if (io.stdout.isTTY !== true || (io.stdin as { isTTY?: boolean }).isTTY !== true) throw new UsageError('triage needs a terminal; for files and pipes use --format json|jsonl|sarif on scan, history or report');
  throw new UsageError('the triage UI is not built yet');
}
