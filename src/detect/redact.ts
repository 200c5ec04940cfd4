const SHOWN = 4;

/**
 * `sk-proj-AbCd…wXyZ`: the prefix (never secret: it names the key type, or a service account's name),
 * four characters after it and the last four, as OpenAI's own dashboard shows keys.
 */
export function redact(secret: string, prefixes: readonly string[]): string {
  const prefix = prefixOf(secret, prefixes);
  const body = secret.slice(prefix.length);
  if (body.length <= SHOWN * 3) return `${prefix}…`;
  return `${prefix}${body.slice(0, SHOWN)}…${body.slice(-SHOWN)}`;
}

/** `prefixes` come from the rule file (longest first); "sk-" is every key's fallback. */
function prefixOf(secret: string, prefixes: readonly string[]): string {
  for (const prefix of prefixes) if (secret.startsWith(prefix)) return prefix;
  // Named service-account keys (sk-<name>-) have alphanumeric bodies, so the last dash before the body ends the name.
  const named = /^sk-[A-Za-z0-9][A-Za-z0-9-]{0,62}-(?=[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}$)/.exec(secret);
  return named ? named[0] : 'sk-';
}
