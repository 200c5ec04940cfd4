/**
 * git failed or the repository could not be read. Carries the command (never file contents) and git's
 * own message. Exit 2: a history scan that did not happen must never read as "no findings".
 */
export class GitError extends Error {
  override name = 'GitError';
  constructor(
    message: string,
    readonly command: string,
    readonly stderr: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
