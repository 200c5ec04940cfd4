import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/package-root.js';
import { RuleError } from '../core/errors.js';
import { compileRules } from './compile-rules.js';
import type { RuleFileSpec, RuleSet } from './rule-types.js';

/** The built-in rule file, in the installation's patterns/. */
export function builtinRulesPath(): string {
  try {
    return join(packageRoot(), 'patterns', 'openai.json');
  } catch (error) {
    throw new RuleError('cannot find patterns/openai.json next to the keysweep installation', null, { cause: error });
  }
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
