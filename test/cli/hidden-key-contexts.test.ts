import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git } from '../../fixtures/git-fixture.js';
import { FAKE_KEY_KINDS, type FakeKeyKind } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { gitRun, installHooks, pushSetup } from '../helpers/push-repos.js';
import { runCli } from '../helpers/run-cli.js';

const rng = seededRng(371);
const b64 = (t: string | Buffer) => Buffer.from(t).toString('base64');

/** One file per context the issue names: how the key is written, what location flag it must carry. */
type Context = { file: string; write: (key: string) => string | Buffer; flag: { encoding?: string; assembled?: boolean } };
const CONTEXTS: Context[] = [
  { file: 'k8s/secret.yaml', write: (k) => `apiVersion: v1\nkind: Secret\ndata:\n  OPENAI_API_KEY: ${b64(k)}\n`, flag: { encoding: 'base64' } },
  { file: 'docker/config.json', write: (k) => JSON.stringify({ auths: { 'registry.example': { auth: b64(`ci:${k}`) } } }), flag: { encoding: 'base64' } },
  { file: 'ci/vars.yml', write: (k) => `variables:\n  ENV_FILE: |\n${b64(`# prod\nOPENAI_API_KEY=${k}\nDEBUG=0\n`).replace(/.{60}/g, '$&\n').split('\n').map((l) => `    ${l}`).join('\n')}\n`, flag: { encoding: 'base64' } },
  { file: 'web/index.html', write: (k) => `<a href="data:text/plain;base64,${b64(`K=${k}`)}">x</a>\n`, flag: { encoding: 'base64' } },
  { file: 'app/settings.json', write: (k) => `${JSON.stringify({ openai: Buffer.from(k).toString('base64url') })}\n`, flag: { encoding: 'base64' } },
  { file: 'dump/blob.txt', write: (k) => `bytes=${Buffer.from(`key=${k}`).toString('hex').toUpperCase()}\n`, flag: { encoding: 'hex' } },
  { file: 'win/deploy.ps1', write: (k) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`$env:OPENAI_API_KEY = "${k}"\r\n`, 'utf16le')]), flag: { encoding: 'utf16le' } },
  { file: 'win/settings.reg', write: (k) => Buffer.from(`"Key"="${k}"\r\n`, 'utf16le').swap16(), flag: { encoding: 'utf16be' } },
  { file: 'glued/url.txt', write: (k) => `https://x.example/?q=%22${k}%22\n`, flag: {} },
  { file: 'glued/unicode.json', write: (k) => `{"cfg": "{\\u0022key\\u0022: \\u0022${k}\\u0022}"}\n`, flag: {} },
  { file: 'glued/brace.rs', write: (k) => `let s = "\\u{22}${k}\\u{22}";\n`, flag: {} },
  { file: 'glued/hex-escape.c', write: (k) => `char *s = "\\x22${k}\\x22";\n`, flag: {} },
  { file: 'glued/page.html', write: (k) => `<div data-cfg="{&quot;k&quot;:&quot;${k}&quot;}"></div>\n`, flag: {} },
  { file: 'glued/entities.html', write: (k) => `<div data-x="&#34;${k}&#x22;"></div>\n`, flag: {} },
  { file: 'glued/build.log', write: (k) => `\u001b[32m${k}\u001b[0m done\n`, flag: {} },
  { file: 'split/client.ts', write: (k) => `const key =\n  '${k.slice(0, k.length >> 1)}' +\n  '${k.slice(k.length >> 1)}';\n`, flag: { assembled: true } },
  { file: 'split/conf.py', write: (k) => `KEY = ("${k.slice(0, k.length / 3)}"\n       "${k.slice(k.length / 3)}")\n`, flag: { assembled: true } },
  { file: 'split/env.sh', write: (k) => `export OPENAI_API_KEY=${k.slice(0, k.length - 9)}\\\n${k.slice(k.length - 9)}\n`, flag: { assembled: true } },
];

type Loc = { path: string; encoding?: string; assembled?: boolean };
type Json = { findings: Array<{ secretSha256: string; rule: string; keyType: string; format: string; locations: Loc[] }> };

describe('every hidden-key context, from real files, in scan, history and both hooks', () => {
  it('finds each with its type, format and encoding, and the hooks block each', async () => {
    const { local } = await pushSetup();
    // A different format per context, cycling through all of them.
    const planted = CONTEXTS.map((context, i) => ({ context, kind: FAKE_KEY_KINDS[i % FAKE_KEY_KINDS.length]! as FakeKeyKind, key: '' }));
    for (const p of planted) {
      p.key = p.kind.make(rng);
      await writeFile(join(local, p.context.file), p.context.write(p.key)).catch(async () => {
        const { mkdir } = await import('node:fs/promises');
        await mkdir(join(local, p.context.file, '..'), { recursive: true });
        await writeFile(join(local, p.context.file), p.context.write(p.key));
      });
    }
    const check = (json: Json, label: string) => {
      const bySha = new Map(json.findings.map((f) => [f.secretSha256, f]));
      for (const { context, kind, key } of planted) {
        const finding = bySha.get(secretSha256(key));
        expect(finding, `${label}: ${context.file}`).toBeDefined();
        expect([finding!.rule, finding!.keyType, finding!.format], `${label}: ${context.file}`).toEqual([kind.ruleId, kind.keyType, kind.format]);
        const location = finding!.locations.find((l) => l.path === context.file);
        expect(location, `${label}: ${context.file}`).toBeDefined();
        expect({ encoding: location!.encoding, assembled: location!.assembled }, `${label}: ${context.file}`).toEqual({ encoding: context.flag.encoding, assembled: context.flag.assembled });
      }
    };
    const scan = await runCli(['scan', '.', '--format', 'json'], { cwd: local });
    expect(scan.code, scan.stderr).toBe(1);
    check(JSON.parse(scan.stdout) as Json, 'scan');

    installHooks(local, ['--pre-commit']);
    gitRun(local, ['add', '-A']);
    const commit = gitRun(local, ['commit', '-m', 'configs']);
    expect(commit.code).not.toBe(0);
    for (const { context } of planted) expect(commit.stderr, `pre-commit: ${context.file}`).toContain(context.file);
    for (const { key } of planted) expect(commit.stderr).not.toContain(key);

    git(local, ['commit', '-q', '--no-verify', '-m', 'configs']);
    const history = await runCli(['history', '--format', 'json'], { cwd: local });
    expect(history.code, history.stderr).toBe(1);
    check(JSON.parse(history.stdout) as Json, 'history');

    installHooks(local);
    const push = gitRun(local, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    for (const { context } of planted) expect(push.stderr, `pre-push: ${context.file}`).toContain(context.file);
    for (const { key } of planted) expect(push.stderr).not.toContain(key);
  }, 60_000);
});
