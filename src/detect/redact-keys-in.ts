import { redact } from './redact.js';

/**
 * Replaces anything key-like inside a short piece of text (a file name, an error message) with a redacted
 * form. Deliberately broader than detection: a run of key characters around the marker is hidden even when
 * it is glued to other text (`named-sk-…`), because here a false positive costs nothing and a miss leaks a key.
 */
export function redactKeysIn(text: string, marker: string, prefixes: readonly string[]): string {
  // Stryker disable next-line ConditionalExpression: equivalent (a fast path: without the marker the pattern matches nothing)
  if (!text.includes(marker)) return text;
  const run = new RegExp(`[A-Za-z0-9_-]{0,400}${marker}[A-Za-z0-9_-]{0,400}`, 'g');
  return text.replace(run, (token) => {
    const sk = token.indexOf('sk-');
    // Stryker disable next-line EqualityOperator: equivalent (the marker starts with T, so "sk-" never starts where it does)
    if (sk !== -1 && sk < token.indexOf(marker)) return token.slice(0, sk) + redact(token.slice(sk), prefixes);
    return `${token.slice(0, 4)}…${token.slice(-4)}`;
  });
}
