import { UsageError } from '../core/errors.js';
import type { ObjectReader } from '../scan/run-history-scan.js';

/** `--reader packs|git`: how history objects are read (packs, the default, or git printing every object). */
export function parseReader(value: string | undefined): ObjectReader {
  if (value === undefined || value === 'packs') return 'packs';
  if (value === 'git') return 'git';
  throw new UsageError(`--reader takes packs or git, not "${value}"`);
}

export const READER_HELP = `      --reader R          how objects are read: packs (default; keysweep reads the packs at the delta level and
                          git prints only objects that hold a sign of a key) or git (git prints every object)`;
