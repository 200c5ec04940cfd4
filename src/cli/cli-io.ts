import type { Readable } from 'node:stream';

export type OutputStream = { write(text: string): unknown; isTTY?: boolean };

/** Everything a command may touch of the process, injected so commands run in-process in tests. */
export type CliIo = {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: Readable;
  env: Record<string, string | undefined>;
  cwd: string;
};
