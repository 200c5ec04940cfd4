import { introducedBy, shownPath } from '../core/location-facts.js';
import type { Finding, Location } from '../core/types.js';
import { describeKey } from './describe-key.js';
import { plural } from './format-units.js';
import { printable } from './printable.js';

/** `ignored`: keys suppressed by the user; `placeholders`: made-up keys, which never block. */
export type HookContext = { hook: 'pre-push' | 'pre-commit'; pushedTips: string[]; ignored: number; placeholders?: number };

/**
 * What a developer sees when a hook blocks: each key (redacted), its kind, where it is and which commit
 * brought it in, and the exact commands to take it out, plus the reminder that a key which has left the
 * machine must be revoked anyway. Never the full key.
 */
export function hookMessage(findings: Finding[], context: HookContext): string {
  const verb = context.hook === 'pre-push' ? 'push' : 'commit';
  const lines = [`keysweep: ${verb} blocked: ${plural(findings.length, 'OpenAI key')} would leave this machine.`, ''];
  for (const finding of findings) {
    lines.push(`  ${finding.keyType === 'admin' ? 'ADMIN KEY' : 'project key'} ${finding.redacted}  ${describeKey(finding)}`);
    const v = finding.verification;
    if (v) lines.push(`    verified: ${v.status}${v.permission ? ` (${v.permission})` : ''}: ${printable(v.detail)}`);
    for (const location of finding.locations.filter((l) => !l.suppressed)) {
      lines.push(`    ${where(location)}`);
      lines.push(...fixFor(location, context).map((step) => `      ${step}`));
    }
    lines.push(`    If this key was ever shared (pushed anywhere, pasted, sent), revoke it anyway: ${finding.remediation.revokeUrl}`);
    if (finding.remediation.apiRevocation) lines.push(`    (organisation owners, by API: ${finding.remediation.apiRevocation})`);
    lines.push('    Then create a replacement, update deployments, and check usage and audit logs for the exposure window.', '');
  }
  if (context.ignored > 0) lines.push(`(${plural(context.ignored, 'suppressed key')} did not block: keysweep:allow, .keysweepignore or the baseline.)`);
  if (context.placeholders) lines.push(`(${plural(context.placeholders, 'placeholder')} did not block: made-up keys with the marker, such as sk-…abcdefgh….)`);
  lines.push(
    `A test fixture? Put "keysweep:allow" on its line, or its SHA-256 (keysweep ${context.hook === 'pre-push' ? 'history --range @{u}..HEAD' : 'scan'} --format json shows it) in .keysweepignore.`,
    `To ${verb} anyway, once: git ${verb} --no-verify, or KEYSWEEP_SKIP=1 git ${verb}.`,
  );
  return `${lines.join('\n')}\n`;
}

function where(location: Location): string {
  const position = location.inName ? ' (the key is in the path itself: a file or directory named after it)' : location.line === null ? ` (binary, byte ${location.offset})` : `:${location.line}`;
  const intro = introducedBy(location);
  const commit = intro ? ` in commit ${intro.commit.slice(0, 12)}${intro.message ? ` "${printable(intro.message)}"` : ''}` : '';
  const path = shownPath(location);
  return `${path !== null ? printable(path) : '(unknown path)'}${position}${commit}`;
}

function fixFor(location: Location, context: HookContext): string[] {
  const shown = shownPath(location);
  const path = shown !== null ? printable(shown) : 'the file';
  // The path is shown redacted, so no command can name it: the fix is said in words.
  if (location.inName) return ['Rename that file or directory so its name no longer holds the key (git mv), and revoke the key: the name was meant to be shared.'];
  if (context.hook === 'pre-commit') {
    return [`Remove it from ${path} and run: git add ${path}   (or unstage the file: git restore --staged ${path})`];
  }
  if (location.source === 'git' && location.objectType === 'tag') {
    return ['Re-create the annotated tag whose message holds it, without the key (git tag -d NAME, then git tag -a NAME), before pushing it.'];
  }
  const intro = introducedBy(location);
  if (!intro) return [`Remove it from ${path} in the commits being pushed.`];
  const short = intro.commit.slice(0, 12);
  if (location.source === 'git' && location.objectType === 'commit') {
    return context.pushedTips.includes(intro.commit)
      ? ['Reword the commit message: git commit --amend']
      : [`Reword that message: git rebase -i ${short}~1 (mark ${short} as "reword"; use --root if it is the first commit)`];
  }
  if (context.pushedTips.includes(intro.commit)) {
    return [`It is in your last commit: remove it from ${path}, then: git add ${path} && git commit --amend`];
  }
  return [
    `It is in an older unpushed commit: git rebase -i ${short}~1   (use --root if ${short} is the first commit)`,
    `mark ${short} as "edit", remove the key from ${path}, then: git add ${path} && git commit --amend && git rebase --continue`,
  ];
}
