import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleError } from '../core/errors.js';
import { compileRules } from './compile-rules.js';
import type { RuleFileSpec, RuleSet } from './rule-types.js';

/** The built-in rule file, found from this module whether it runs from src/ (tests) or dist/src/ (the CLI). */
export function builtinRulesPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'patterns', 'openai.json');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new RuleError('cannot find patterns/openai.json next to the keysweep installation', null);
}

export function readRuleFile(path: string): RuleFileSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RuleError(`cannot read rule file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, null, { cause: error });
  }
  try {
    return JSON.parse(text) as RuleFileSpec;
  } catch (error) {
    throw new RuleError(`rule file ${path} is not valid JSON: ${(error as Error).message}`, null, { cause: error });
  }
}

let cached: RuleSet | undefined;

/** The built-in rules, compiled once per process. */
export function loadBuiltinRules(): RuleSet {
  cached ??= compileRules(readRuleFile(builtinRulesPath()));
  return cached;
}
