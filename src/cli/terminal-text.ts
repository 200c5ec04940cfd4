import { OPENAI_MARKER } from '../core/openai-marker.js';
import { redactKeysIn } from '../detect/redact-keys-in.js';
import { printable } from '../report/printable.js';
import { loadBuiltinRules } from '../rules/load-rules.js';

/**
 * Any message the CLI writes that quotes what a repository, git, a report or the user supplied (a ref
 * name, a path, an error): control and bidi characters escaped line by line, and no key whole.
 */
export function terminalText(text: string): string {
  return redactKeysIn(text.split('\n').map(printable).join('\n'), OPENAI_MARKER, redactionPrefixes());
}

/** The rule file's prefixes when it loads; an error about the rule file itself still redacts, with "sk-" alone. */
function redactionPrefixes(): readonly string[] {
  try {
    return loadBuiltinRules().redactionPrefixes;
  } catch {
    return [];
  }
}
