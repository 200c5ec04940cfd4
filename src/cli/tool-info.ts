import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { builtinRulesPath } from '../rules/load-rules.js';

let version: string | undefined;

/** The package version, read from package.json beside patterns/ (works from src/ and dist/). */
export function toolInfo(): { name: string; version: string } {
  version ??= (JSON.parse(readFileSync(join(dirname(dirname(builtinRulesPath())), 'package.json'), 'utf8')) as { version: string }).version;
  return { name: 'keysweep', version };
}
