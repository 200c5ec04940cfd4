import { Readable } from 'node:stream';
import { run } from '../../src/cli/run.js';

export type CliRun = { code: number; stdout: string; stderr: string };

/** Runs the CLI in-process with captured output, as bin/keysweep.js would. */
export async function runCli(argv: string[], options: { cwd: string; stdin?: string; env?: Record<string, string>; tty?: boolean }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    env: options.env ?? {},
    cwd: options.cwd,
  });
  return { code, stdout, stderr };
}
