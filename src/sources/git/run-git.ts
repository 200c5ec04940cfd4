import { GitError } from './git-error.js';
import { type GitContext, spawnGit } from './spawn-git.js';

export type { GitContext } from './spawn-git.js';

export type GitResult = { stdout: Buffer; stderr: string; code: number };

/**
 * Runs one git command with a small output and returns it whole. Non-zero exit is a GitError unless
 * `allowCodes` lists it. For bulk object streams use stream-objects.ts, which never buffers a history.
 */
export function runGit(context: GitContext, args: readonly string[], options: { input?: string; allowCodes?: number[] } = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawnGit(context, args, ['pipe', 'pipe', 'pipe']);
    } catch (error) {
      reject(error);
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new GitError(`cannot run git: ${error.message}`, `git ${args[0]}`, '', { cause: error })));
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8').trim();
      const result = { stdout: Buffer.concat(out), stderr, code: code ?? -1 };
      if (code === 0 || options.allowCodes?.includes(code ?? -1)) resolve(result);
      else reject(new GitError(`git ${args[0]} failed (exit ${code}): ${firstLines(stderr)}`, `git ${args.join(' ')}`, stderr));
    });
    child.stdin!.on('error', () => {
      // git may exit before reading all input (it failed); the exit code above reports why.
    });
    child.stdin!.end(options.input ?? '');
  });
}

function firstLines(text: string): string {
  return text.split('\n').slice(0, 3).join(' / ') || 'no message';
}
