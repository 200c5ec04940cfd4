/**
 * Characters that JSON.stringify leaves raw but that can deceive whoever reads the output: DEL and the C1
 * controls (some terminals act on them), bidirectional overrides and isolates (Trojan Source: text that
 * displays in another order than it is stored), the line and paragraph separators. They can only occur
 * inside JSON strings, so escaping them as \uXXXX keeps every parsed value identical.
 */
const DECEPTIVE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON.stringify, with the deceptive characters escaped. */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(DECEPTIVE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
