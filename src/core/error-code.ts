/** The errno code of a failed system call (ENOENT, EACCES…), or its message; never a file's content. */
export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? (error as Error)?.message ?? 'unknown error';
}
