import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/detect.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { FAKE_KEY_KINDS, fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';

const rules = loadBuiltinRules();
const rng = seededRng(7);

const contexts: Array<[string, (key: string) => string]> = [
  ['.env line', (k) => `FOO=1\nOPENAI_API_KEY=${k}\nBAR=2\n`],
  ['double-quoted string', (k) => `const key = "${k}";`],
  ['single-quoted string', (k) => `key = '${k}'`],
  ['backticks', (k) => 'const key = `' + k + '`;'],
  ['JSON value', (k) => JSON.stringify({ openai: { apiKey: k } })],
  ['JSON string right after a literal \\n', (k) => `{"text": "first line\\n${k}\\nlast"}`],
  ['JSON string right after a literal \\t', (k) => `{"text": "col\\t${k}"}`],
  ['Jupyter notebook cell', (k) => JSON.stringify({ cells: [{ cell_type: 'code', source: [`import openai\n`, `openai.api_key = "${k}"\n`] }] }, null, 1)],
  ['YAML', (k) => `openai:\n  api_key: ${k}\n  model: gpt-4o\n`],
  ['URL query string', (k) => `https://proxy.example.test/v1/chat?key=${k}&model=gpt`],
  ['XML element', (k) => `<config><key>${k}</key></config>`],
  ['XML attribute', (k) => `<add key="openai" value="${k}"/>`],
  ['function call', (k) => `client = OpenAI(${k})`],
  ['Markdown inline code', (k) => `Use \`${k}\`.`],
  ['Markdown list with trailing period', (k) => `- the key is ${k}.`],
  ['CRLF file', (k) => `A=1\r\nOPENAI_API_KEY=${k}\r\nB=2\r\n`],
  ['trailing comma', (k) => `keys = [${k}, other]`],
  ['closing brace', (k) => `{key:${k}}`],
  ['closing bracket', (k) => `[${k}]`],
  ['end of input', (k) => k],
  // Glued to an escaped quote or a colour code, whose last characters are themselves key characters.
  ['URL-encoded quotes', (k) => `q=%22${k}%22&x=1`],
  ['URL-encoded single quotes', (k) => `q=%27${k}%27`],
  ['\\u0022 escapes', (k) => `{"cfg": "{\\u0022key\\u0022: \\u0022${k}\\u0022}"}`],
  ['\\x22 escapes', (k) => `printf("\\x22${k}\\x22")`],
  ['an ANSI colour code', (k) => `\u001b[32m${k}\u001b[0m`],
  ['an ANSI code with several parameters', (k) => `\u001b[1;32m${k}\u001b[0m`],
  ['HTML entities', (k) => `<pre>&quot;${k}&quot; &#34;x&#x22;</pre>`],
];

describe('keys in every context', () => {
  for (const kind of FAKE_KEY_KINDS) {
    for (const [name, wrap] of contexts) {
      it(`${kind.name} in ${name}`, () => {
        const key = kind.make(rng);
        const matches = detect(Buffer.from(wrap(key)), rules);
        expect(matches.map((m) => [m.ruleId, m.secret])).toEqual([[kind.ruleId, key]]);
      });
    }
  }
});

describe('positions', () => {
  it('gives 1-based line and column, and the byte offset', () => {
    const key = fakeKey('project-v2', rng);
    const text = `line one\r\nline two ${key} tail\n`;
    const [m] = detect(Buffer.from(text), rules);
    expect(m).toMatchObject({ line: 2, column: 10, offset: text.indexOf(key) });
  });

  it('counts columns in UTF-16 units and offsets in bytes after multibyte text', () => {
    const key = fakeKey('legacy', rng);
    const text = `é漢字 = "${key}"`;
    const [m] = detect(Buffer.from(text), rules);
    expect(m!.column).toBe(text.indexOf(key) + 1);
    expect(m!.offset).toBe(Buffer.byteLength(text.slice(0, text.indexOf(key))));
  });

  it('locates several keys on a multi-megabyte minified line', () => {
    const keys = [fakeKey('admin', rng), fakeKey('project-v1', rng), fakeKey('none', rng)];
    const filler = 'var a=function(b){return b+1};'.repeat(40_000);
    const text = `${filler}"${keys[0]}";${filler}f("${keys[1]}");${filler}x=${keys[2]};`;
    const matches = detect(Buffer.from(text), rules);
    expect(matches.map((m) => m.secret)).toEqual(keys);
    for (const [i, m] of matches.entries()) {
      expect(m.line).toBe(1);
      expect(m.column).toBe(text.indexOf(keys[i]!) + 1);
    }
  });

  it('scans binary content as bytes, with offsets but no lines', () => {
    const key = fakeKey('svcacct-v2', rng);
    const bytes = Buffer.concat([Buffer.from([0, 1, 2, 0xff, 0]), Buffer.from(`\x0b${key}\x00`), Buffer.alloc(64)]);
    const matches = detect(bytes, rules);
    expect(matches).toEqual([{ ruleId: 'openai-service-account-key-v2', secret: key, offset: 6, line: null, column: null }]);
  });
});

describe('what is not a key', () => {
  it('does not report a key glued to a longer token, nor to what only looks like an escape', () => {
    for (const glue of ['x', '_', '0', '-', '22', 'u0022', 'x22', '32m', '%2', '\\u002', '[32m', '\u001b[32x']) {
      const key = fakeKey('project-v2', rng);
      expect(detect(Buffer.from(`${glue}${key}`), rules)).toEqual([]);
    }
  });

  it('reports a non-standard length as low confidence rather than dropping it', () => {
    const key = fakeKey('svcacct-v2', rng).replace(/^(sk-svcacct-.)/, 'sk-svcacct-');
    const [m] = detect(Buffer.from(key), rules);
    const rule = rules.rules.find((r) => r.id === m!.ruleId)!;
    expect(rule.confidence).toBe('low');
    expect(rule.format).toBe('service-account');
  });
});
