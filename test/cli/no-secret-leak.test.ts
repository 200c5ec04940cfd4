import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAKE_KEY_KINDS } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { expandTemplate } from '../../fixtures/templates.js';
import { runCli } from '../helpers/run-cli.js';
import { spawnCli } from '../helpers/spawn-cli.js';
import { tempDir, writeTree } from '../helpers/temp-dir.js';

const rng = seededRng(16);

/** A tree with every format, a low-confidence key, an allowed key, a key in a file name and a key in a binary file. */
async function plantedTree() {
  const root = await tempDir();
  const keys = FAKE_KEY_KINDS.map((kind) => kind.make(rng));
  const low = expandTemplate('«sk-svcacct-{B57}{M}{B59}»', rng).secrets[0]!;
  const allowed = FAKE_KEY_KINDS[1]!.make(rng);
  const inName = FAKE_KEY_KINDS[7]!.make(rng);
  await writeTree(root, {
    ...Object.fromEntries(keys.map((k, i) => [`dir${i}/file${i}.env`, `KEY=${k}\n`])),
    'low.txt': `${low}\n`,
    'allowed.py': `K = "${allowed}"  # keysweep:allow\n`,
    [`named-${inName}.txt`]: `also ${keys[0]}\n`,
    'blob.bin': Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(` ${keys[2]} `)]),
  });
  return { root, secrets: [...keys, low, allowed, inName] };
}

/**
 * No output may hold any 12-character run of a key's body beyond what its redacted form shows (four
 * characters after the prefix, four at the end): a redaction bug that shows "all but four" is a leak too.
 */
function expectNoSecret(text: string, secrets: string[], where: string) {
  for (const secret of secrets) {
    const prefix = /^sk-(?:admin-|proj-|svcacct-|None-|[A-Za-z0-9-]+-(?=[A-Za-z0-9]{20}T3BlbkFJ))?/.exec(secret)![0];
    const body = secret.slice(prefix.length);
    for (let i = 0; i + 12 <= body.length; i++) {
      const run = body.slice(i, i + 12);
      if (text.includes(run)) expect.fail(`${where} shows 12 characters of a key (${run.slice(0, 2)}…, at ${i} of its body)`);
    }
  }
}

describe('full keys never appear unless --show-secrets', () => {
  const commands: string[][] = [];
  for (const format of ['text', 'json', 'jsonl', 'sarif']) {
    commands.push(['scan', '--format', format], ['scan', '--format', format, '--show-ignored'], ['scan', '.', '-', '--format', format]);
  }

  it('in every format, with ignored findings, stdin, and file names holding keys', async () => {
    const { root, secrets } = await plantedTree();
    for (const args of commands) {
      const { code, stdout, stderr } = await runCli(args, { cwd: root, stdin: `piped ${secrets[3]}\n`, tty: true });
      expect(code, args.join(' ')).toBe(1);
      expectNoSecret(stdout + stderr, secrets, args.join(' '));
    }
  });

  it('in a report written with --output, and in the message on stderr', async () => {
    const { root, secrets } = await plantedTree();
    for (const format of ['text', 'json', 'jsonl', 'sarif']) {
      const { stdout, stderr } = await runCli(['scan', '--format', format, '-o', `out.${format}`], { cwd: root });
      expectNoSecret(stdout + stderr + (await readFile(join(root, `out.${format}`), 'utf8')), secrets, `--output ${format}`);
    }
  });

  it('in errors and in the demo, from the real binary', async () => {
    const { root, secrets } = await plantedTree();
    const runs = [
      spawnCli(['scan', 'missing-path'], { cwd: root }),
      spawnCli(['scan', '--baseline', 'dir0/file0.env'], { cwd: root }),
      spawnCli(['scan', '--ignore-file', 'nope'], { cwd: root }),
      spawnCli(['scan', '--format', 'json'], { cwd: root }),
    ];
    for (const run of runs) expectNoSecret(run.stdout + run.stderr, secrets, 'error path');
    expect(runs[1]!.code).toBe(2);
    const demo = spawnCli(['demo', '--keep', 'demo-tree', '--format', 'json'], { cwd: root });
    expect(demo.code).toBe(0);
    const demoSecrets = (await readFile(join(root, 'demo-tree', '.env'), 'utf8')).match(/sk-proj-\S+/g)!;
    expectNoSecret(demo.stdout + demo.stderr, demoSecrets, 'demo');
  });

  it('in history reports, hook messages and verify output', async () => {
    const { commit, git, initRepo } = await import('../../fixtures/git-fixture.js');
    const repo = await tempDir();
    await initRepo(repo);
    const keys = FAKE_KEY_KINDS.map((kind) => kind.make(rng));
    await commit(repo, Object.fromEntries(keys.map((k, i) => [`c${i}.env`, `K=${k}\n`])), 'keys', 1);
    await commit(repo, {}, `message with ${keys[1]}`, 2);
    for (const format of ['text', 'json', 'jsonl', 'sarif']) {
      const run = await runCli(['history', '--format', format, '--show-ignored'], { cwd: repo });
      expect(run.code).toBe(1);
      expectNoSecret(run.stdout + run.stderr, keys, `history ${format}`);
    }
    const head = git(repo, ['rev-parse', 'HEAD']).trim();
    const push = await runCli(['hook', 'pre-push', 'origin', 'url'], { cwd: repo, stdin: `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n` });
    expect(push.code).toBe(1);
    expectNoSecret(push.stdout + push.stderr, keys, 'pre-push');
    await writeTree(repo, { 'new.env': `K=${keys[2]}\n` });
    git(repo, ['add', 'new.env']);
    const staged = await runCli(['hook', 'pre-commit'], { cwd: repo });
    expect(staged.code).toBe(1);
    expectNoSecret(staged.stdout + staged.stderr, keys, 'pre-commit');
    await runCli(['history', '--format', 'json', '-o', 'r.json'], { cwd: repo });
    // Nothing listens on port 9: every check fails fast and reads "unknown", and no error message leaks a key.
    const verified = await runCli(['verify', 'r.json', '--verify-timeout', '2', '--no-cache'], { cwd: repo, env: { KEYSWEEP_OPENAI_BASE_URL: 'http://127.0.0.1:9' } });
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain('unknown');
    expectNoSecret(verified.stdout + verified.stderr + (await readFile(join(repo, 'r.json'), 'utf8')), keys, 'verify');
  });

  it('with --show-secrets the keys are shown whole (so the checks above can fail)', async () => {
    const { root, secrets } = await plantedTree();
    const { stdout } = await runCli(['scan', '--format', 'json', '--show-ignored', '--show-secrets'], { cwd: root });
    for (const secret of secrets) expect(stdout).toContain(secret);
    const text = await runCli(['scan', '--show-secrets'], { cwd: root });
    expect(text.stdout).toContain(secrets[0]);
  });
});
