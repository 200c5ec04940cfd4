import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/keysweep.js', import.meta.url));

/** Runs the built CLI as a user would (`npm test` builds dist/ first). */
export function spawnCli(args: string[], options: { cwd: string; input?: string; env?: Record<string, string>; asUser?: string }) {
  const env = { ...process.env, NO_COLOR: '1', ...options.env };
  const [command, argv] = options.asUser
    ? ['setpriv', [`--reuid=${options.asUser}`, `--regid=${options.asUser === 'nobody' ? 'nogroup' : options.asUser}`, '--clear-groups', process.execPath, BIN, ...args]]
    : [process.execPath, [BIN, ...args]];
  const result = spawnSync(command, argv, { cwd: options.cwd, input: options.input ?? '', env, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
