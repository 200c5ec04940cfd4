import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Location } from '../core/types.js';
import { detectRaw } from '../detect/detect.js';
import { secretSha256 } from '../detect/identity.js';
import type { RuleSet } from '../rules/rule-types.js';
import { openRepo } from '../sources/git/open-repo.js';
import { runGit } from '../sources/git/run-git.js';
import type { CliIo } from './cli-io.js';

/**
 * Reads a key back from where a report says it was (a file, or a git blob by id) and returns it only if
 * its SHA-256 is the reported one. Reports do not hold keys; this is how `keysweep verify` works on them.
 */
export async function recoverSecret(sha: string, locations: Location[], rules: RuleSet, io: CliIo): Promise<string | null> {
  for (const location of locations) {
    const bytes = await bytesAt(location, io).catch(() => null);
    if (!bytes) continue;
    const window = bytes.subarray(location.offset, location.offset + rules.tokenMaxLength + 1);
    for (const match of detectRaw(window, rules, false)) {
      if (match.offset === 0 && secretSha256(match.secret) === sha) return match.secret;
    }
  }
  return null;
}

async function bytesAt(location: Location, io: CliIo): Promise<Buffer | null> {
  if (location.source === 'file' && location.path) return readFile(resolve(io.cwd, location.path));
  if ((location.source === 'git' || location.source === 'staged') && location.blobId) {
    const repo = await openRepo(location.repo ?? '.', { cwd: io.cwd, env: io.env, trustOwner: false });
    const result = await runGit(repo, ['cat-file', 'blob', location.blobId], { allowCodes: [128] });
    return result.code === 0 ? result.stdout : null;
  }
  return null;
}
