/**
 * Ink decides once, when it is first imported, whether it runs in CI (the is-in-ci package reads CI and
 * CONTINUOUS_INTEGRATION); in CI it writes only the last frame, at exit. Triage runs only on a terminal, where
 * such a variable is inherited (a dev container, a shell opened from a CI job) and would freeze the screen on
 * its first line; so the variables are hidden from Ink's import and put back as soon as it is loaded.
 */
export async function importInkForTerminal<T>(load: () => Promise<T>): Promise<T> {
  const hidden = ['CI', 'CONTINUOUS_INTEGRATION'].filter((name) => name in process.env).map((name) => [name, process.env[name]] as const);
  for (const [name] of hidden) delete process.env[name];
  try {
    return await load();
  } finally {
    for (const [name, value] of hidden) process.env[name] = value;
  }
}
