import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The directory of keysweep's package.json: the one place that knows where the installation lives,
 * whether this module runs from src/ (tests) or from the bundle in dist/ (the CLI). The rule file, the
 * version, the worker script and the path hooks run are all found from here.
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'patterns', 'openai.json'))) return (root = dir);
    dir = dirname(dir);
  }
  throw new Error('cannot find the keysweep installation (package.json next to patterns/) above this module');
}
