import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const KEYSWEEP_BIN = fileURLToPath(new URL('../../bin/keysweep.js', import.meta.url));
/** The same shape keysweep looks for, as one regex ripgrep can run (it extracts the marker literal as its own prefilter). */
export const RG_PATTERN = 'sk-[A-Za-z0-9_-]{16,300}T3BlbkFJ[A-Za-z0-9_-]{16,300}';

/** ripgrep from Debian; installed here when missing and we are root, otherwise the bench stops and says how. */
export function ensureRipgrep(log: (line: string) => void): string {
  if (spawnSync('rg', ['--version']).status === 0) return 'rg';
  log('ripgrep is not installed; installing it from Debian (apt-get install ripgrep) for the comparison.');
  const root = process.getuid?.() === 0;
  const install = root ? spawnSync('sh', ['-c', 'apt-get install -y ripgrep || (apt-get update && apt-get install -y ripgrep)'], { stdio: 'inherit' }) : null;
  if (!install || install.status !== 0 || spawnSync('rg', ['--version']).status !== 0) {
    throw new Error('ripgrep is required for npm run bench: apt-get install ripgrep');
  }
  return 'rg';
}

/** secretlint 11 with only its OpenAI rule, installed under the bench cache, never as a project dependency. */
export async function ensureSecretlint(cacheDir: string, log: (line: string) => void): Promise<{ bin: string; config: string }> {
  const prefix = join(cacheDir, 'secretlint');
  const bin = join(prefix, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  const config = join(prefix, 'secretlintrc.json');
  if (!existsSync(bin)) {
    log('installing secretlint@11 and @secretlint/secretlint-rule-openai@11 into the bench cache…');
    await mkdir(prefix, { recursive: true });
    await writeFile(join(prefix, 'package.json'), '{"name":"keysweep-bench-secretlint","private":true}');
    const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', 'secretlint@11', '@secretlint/secretlint-rule-openai@11'], { cwd: prefix, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('could not install secretlint for the bench');
  }
  await writeFile(config, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-openai' }] }));
  return { bin, config };
}
