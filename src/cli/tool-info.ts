import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/package-root.js';

let version: string | undefined;

/** The package version, read from package.json beside patterns/ (works from src/ and dist/). */
export function toolInfo(): { name: string; version: string } {
  version ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return { name: 'keysweep', version };
}
