import { execFileSync, spawnSync } from 'node:child_process';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

let count = 0;

export interface TmuxTerminal {
  screen(): string;
  /** Polls the screen until it shows the text; the deadline is generous because CI runs many tests at once on two cores. */
  waitFor(text: string, timeoutMs?: number): Promise<string>;
  keys(...keys: string[]): Promise<void>;
  close(): void;
}

/**
 * Runs a shell command on a pseudo-terminal of the given size. Each terminal has its own tmux server
 * (its own socket, no user config), so tests running at once never share or shut down each other's server.
 */
export function openTmuxTerminal(command: string, columns: number, rows: number): TmuxTerminal {
  const socket = `keysweep-test-${process.pid}-${++count}`;
  const tmux = (args: string[]) => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  tmux(['new-session', '-d', '-s', 'main', '-x', String(columns), '-y', String(rows), command]);
  const screen = () => tmux(['capture-pane', '-p', '-t', 'main']);
  return {
    screen,
    async waitFor(text, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const shown = screen();
        if (shown.includes(text)) return shown;
        if (Date.now() > deadline) throw new Error(`screen never showed "${text}":\n${shown}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async keys(...keys) {
      for (const key of keys) {
        tmux(['send-keys', '-t', 'main', key]);
        await new Promise((r) => setTimeout(r, 150));
      }
    },
    close() {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
    },
  };
}
