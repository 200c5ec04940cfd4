import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/** Long flags a source file hands to parseArgs. */
function flagsIn(file: string): string[] {
  const text = readFileSync(new URL(`../../src/cli/${file}`, import.meta.url), 'utf8');
  return [...text.matchAll(/^\s+'?([a-z][a-z-]*)'?: \{ type: '(?:string|boolean)'/gm)].map((m) => m[1]!);
}

describe('--help', () => {
  for (const [command, files] of [
    ['scan', ['parse-scan-args.ts', 'report-flags.ts', 'verify-flags.ts']],
    ['demo', ['demo-command.ts', 'report-flags.ts']],
    ['history', ['parse-history-args.ts', 'report-flags.ts', 'verify-flags.ts']],
    ['hook', ['parse-hook-args.ts']],
    ['verify', ['verify-flags.ts', 'report-flags.ts']],
    ['sweep', ['parse-sweep-args.ts', 'report-flags.ts']],
    ['report', ['report-command.ts', 'report-flags.ts']],
  ] as const) {
    it(`documents every flag that ${command} parses`, async () => {
      const cwd = await tempDir();
      const { code, stdout } = await runCli([command, '--help'], { cwd });
      expect(code).toBe(0);
      const flags = files.flatMap(flagsIn);
      expect(flags.length).toBeGreaterThan(5);
      for (const flag of flags) expect(stdout, `--${flag}`).toContain(`--${flag}`);
      expect((await runCli(['help', command], { cwd })).stdout).toBe(stdout);
    });
  }

  it('prints the main help and the version', async () => {
    const cwd = await tempDir();
    expect((await runCli(['--help'], { cwd })).stdout).toContain('keysweep scan [PATH...]');
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect((await runCli(['--version'], { cwd })).stdout).toBe(`${pkg.version}\n`);
  });

  it('names an unknown help topic as a usage error, even one that is a property of every object', async () => {
    const cwd = await tempDir();
    for (const topic of ['nope', '__proto__', 'constructor', 'toString']) {
      const { code, stderr } = await runCli(['help', topic], { cwd });
      expect(code).toBe(2);
      expect(stderr).toContain(`no command "${topic}"`);
    }
  });
});
