import { inspect } from 'node:util';

const VALUE = Symbol('keysweep.secret');

/**
 * A key held in memory. It prints as `[secret]` however it is printed (template strings, JSON.stringify,
 * console.log, util.inspect): a reporter or a log line cannot show it by accident. Only `reveal` gives
 * the value, which reporters call under --show-secrets alone, and the verifier to send the key to OpenAI.
 */
export type Secret = { readonly [VALUE]: string; readonly length: number };

const HIDDEN = '[secret]';

export function secretOf(value: string): Secret {
  return Object.freeze({
    [VALUE]: value,
    length: value.length,
    toString: () => HIDDEN,
    toJSON: () => HIDDEN,
    [inspect.custom]: () => HIDDEN,
  });
}

/** The key itself. Call sites are few and each says why it needs the value. */
export function reveal(secret: Secret): string {
  return secret[VALUE];
}
