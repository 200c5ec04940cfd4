/**
 * The redacted form a report must show for a fake key, worked out here from the key formats the tests
 * know (not with keysweep's own redact()): prefix, four characters, an ellipsis, the last four.
 */
export function redacted(key: string): string {
  const prefix = ['sk-admin-', 'sk-proj-', 'sk-svcacct-', 'sk-None-'].find((p) => key.startsWith(p)) ?? /^sk-[A-Za-z0-9-]+-(?=[A-Za-z0-9]{20}T3BlbkFJ)/.exec(key)?.[0] ?? 'sk-';
  return `${prefix}${key.slice(prefix.length, prefix.length + 4)}…${key.slice(-4)}`;
}
