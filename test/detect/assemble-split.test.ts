import { describe, expect, it } from 'vitest';
import { type SplitWorkMeter, MAX_PIECES, assembleSplitKeys } from '../../src/detect/assemble-split.js';
import { detect } from '../../src/detect/detect.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { FAKE_KEY_KINDS, fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { MARKER } from '../../fixtures/templates.js';

const rules = loadBuiltinRules();
const FIVE_MB = 5 * 1024 * 1024;

/** Cuts a key into pieces at the given positions: keys exist only at run time, and only in pieces here. */
function cut(key: string, ...at: number[]): string[] {
  const bounds = [0, ...at, key.length];
  return bounds.slice(1).map((end, i) => key.slice(bounds[i], end));
}
const halves = (key: string, at: number): [string, string] => [key.slice(0, at), key.slice(at)];

const scan = (text: string) => assembleSplitKeys(Buffer.from(text), rules);
const secrets = (text: string) => scan(text).map((r) => r.secret);
const project = fakeKey('project-v2', seededRng(1));
const legacy = fakeKey('legacy', seededRng(2));
const [p1, p2] = halves(project, 60);
const [l1, l2] = halves(legacy, 30);

describe('split keys are reassembled', () => {
  const cases: Array<[string, string, string]> = [
    ['JS "a" + "b"', `const key = "${p1}" + "${p2}";`, project],
    ['multi-line + with indentation', `const key =\n    '${p1}' +\n    '${p2}';`, project],
    ['operator at the start of the next line', `const key = \`${p1}\`\n      + \`${p2}\`;`, project],
    ['Go + with tabs', `key := "${p1}" +\n\t\t"${p2}"`, project],
    ['PHP .', `$key = '${p1}' . '${p2}';`, project],
    ['Lua ..', `local key = "${l1}" .. "${l2}"`, legacy],
    ['Python implicit concatenation in parentheses', `client = OpenAI(api_key=(\n    "${p1}"\n    '${p2}'\n))`, project],
    ['Python with a \\ line splice between literals', `key = "${p1}" \\\n    "${p2}"`, project],
    ['C adjacent literals', `static const char *key = "${l1}" "${l2}";`, legacy],
    ['adjacent literals without a blank', `KEY="${l1}""${l2}"`, legacy],
    ['shell \\ continuation', `export OPENAI_API_KEY=${p1}\\\n${p2}\nnext`, project],
    ['shell \\ continuation inside double quotes', `curl -H "Authorization: Bearer ${l1}\\\n${l2}" https://x.test`, legacy],
    ['shell \\ continuation with CRLF', `OPENAI_API_KEY=${l1}\\\r\n${l2}\r\n`, legacy],
    ['a continuation inside a JS literal', `k = "${p1}\\\n${p2}"`, project],
    ['a clean escape after the last piece', `printf("${l1}" "${l2}\\n");`, legacy],
    ['an empty literal between pieces', `k = "${l1}" + "" + "${l2}"`, legacy],
  ];
  for (const [name, text, key] of cases) {
    it(name, () => expect(secrets(text)).toEqual([key]));
  }

  it('gives byte offsets of the first piece and the end of the last, past multibyte text', () => {
    const before = '// clé → ';
    const text = `${before}"${p1}" + "${p2}";`;
    const [found] = scan(text);
    const offset = Buffer.byteLength(`${before}"`);
    expect(found).toMatchObject({ offset, pieces: 2, exactLength: true, rule: { id: 'openai-project-key-v2' } });
    expect(found!.end).toBe(Buffer.byteLength(text) - 2);
  });

  it('finds the marker split across pieces at every position', () => {
    const at = project.indexOf(MARKER);
    for (let d = 1; d < MARKER.length; d++) {
      const [a, b] = cut(project, at + d);
      expect(secrets(`x = "${a}" + "${b}"`), `cut ${d} into the marker`).toEqual([project]);
    }
  });

  it('joins three or more pieces, one per line', () => {
    const parts = cut(project, 8, 40, 85, 120);
    const text = `key = (\n${parts.map((p) => `  "${p}"`).join('\n')}\n)`;
    expect(scan(text)).toMatchObject([{ secret: project, pieces: 5 }]);
  });

  it('finds every format, marks exact lengths, and says low for a non-standard one', () => {
    for (const kind of FAKE_KEY_KINDS) {
      const key = kind.make(seededRng(11));
      const [a, b] = cut(key, Math.floor(key.length / 3));
      expect(scan(`"${a}" + "${b}"`), kind.name).toMatchObject([{ secret: key, rule: { id: kind.ruleId }, exactLength: true }]);
    }
    const odd = project.slice(0, 8 + 60) + project.slice(8 + 74); // 60 + marker + 74
    const [a, b] = cut(odd, 50);
    expect(scan(`"${a}" + "${b}"`)).toMatchObject([{ secret: odd, rule: { id: 'openai-project-key-nonstandard' }, exactLength: false }]);
  });

  it(`walks any number of pieces but reports at most ${MAX_PIECES}`, () => {
    // The value must start with sk- in its first piece; every character after it is a piece of its own.
    const oneEach = (key: string) => ['sk-', ...key.slice(3)].map((c) => `"${c}"`).join(' + ');
    expect(secrets(oneEach(legacy))).toEqual([legacy]);
    expect(secrets(oneEach(project))).toEqual([]);
  });
});

describe('nothing else is guessed', () => {
  const placeholder = cut(`sk-proj-${'x'.repeat(74)}${MARKER}${'x'.repeat(74)}`, 90);
  const anthropic = cut(`sk-ant-api03-${legacy.slice(3)}`, 30);
  const openRouter = cut(`sk-or-v1-${legacy.slice(3)}`, 30);
  const beforeMarker = cut(project.slice(0, project.indexOf(MARKER)), 40);
  const cases: Array<[string, string]> = [
    ['a single literal (the normal detector\'s job)', `"${project}"`],
    ['pieces that do not together carry the marker', `"${beforeMarker[0]}" + "${beforeMarker[1]}"`],
    ['a variable in between', `"${p1}" + x + "${p2}"`],
    ['a variable in between, then more literals', `"${p1}" + x + "${p2.slice(0, 20)}" + "${p2.slice(20)}"`],
    ['a comma: two values, not one', `["${p1}", "${p2}"]`],
    ['a split Anthropic key carrying the marker', `"${anthropic[0]}" + "${anthropic[1]}"`],
    ['a split OpenRouter key carrying the marker', `"${openRouter[0]}" "${openRouter[1]}"`],
    ['a space inside a piece', `"${p1}" + "${p2.slice(0, 5)} ${p2.slice(5)}"`],
    ['a space at the end of a piece', `"${p1} " + "${p2}"`],
    ['an escape that may encode a key character', `"${l1}" "${l2}\\x41"`],
    ['an escaped key character in an unquoted shell word', `K=${l1}\\\n${l2}\\q`],
    ['pieces glued after an earlier literal', `"org" + "${p1}" + "${p2}"`],
    ['a continuation glued to the previous line\'s word', `X=abc\\\n${l1}\\\n${l2}`],
    ['a shell continuation line that is indented', `export K=${p1}\\\n  ${p2}`],
    ['a value longer than any key', `"${p1}" + "${p2}" + "${'a'.repeat(200)}"`],
    ['two blank lines between literals', `"${l1}"\n\n"${l2}"`],
    ['two operators', `"${l1}" + + "${l2}"`],
  ];
  for (const [name, text] of cases) {
    it(name, () => expect(secrets(text)).toEqual([]));
  }
  it('a split placeholder is joined, and detect() reports it as a placeholder, never a finding', () => {
    const text = `"${placeholder[0]}" + "${placeholder[1]}"`;
    expect(detect(Buffer.from(text), rules).map((m) => [m.assembled, m.placeholder])).toEqual([[true, true]]);
  });

});

describe('assembling split keys is linear in the input', () => {
  const adversarial: Array<[string, string]> = [
    ['"sk-" + "sk-" + …', '"sk-" + '],
    ['"a" "a" "a" …', '"a" '],
    ['sk-\\ lines', 'sk-\\\n'],
    ['literals one per line', '"sk-"\n'],
    ['starts whose join fails at once', '"sk-a", '],
    ['starts glued after a literal', '"x" + "sk-"; '],
    ['wide gaps that fail', `"sk-"${' '.repeat(250)}x`],
    ['pieces carrying the marker halves', `"sk-${MARKER.slice(0, 4)}" "${MARKER.slice(4)}" `],
    ['short chains with the marker', `"sk-proj-ab" + "${MARKER}cd"; `],
    ['continuations that hide escapes', 'sk-a\\\nb\\x, '],
  ];
  for (const [name, unit] of adversarial) {
    it(`walks each byte a bounded number of times on 5 MB of ${name}`, () => {
      const bytes = Buffer.from(unit.repeat(Math.ceil(FIVE_MB / unit.length)));
      const meter: SplitWorkMeter = { bytesWalked: 0, starts: 0 };
      expect(assembleSplitKeys(bytes, rules, meter)).toEqual([]);
      // Each walk covers its own span (plus one byte shared with the previous span): one pass in all.
      expect(meter.bytesWalked).toBeLessThanOrEqual(bytes.length + meter.starts);
      expect(meter.starts).toBeLessThanOrEqual(bytes.length / 3);
    });
  }
});
