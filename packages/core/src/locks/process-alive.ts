/**
 * Whether a process with this pid exists on this machine. Signal 0 only checks: `EPERM` means it
 * exists but belongs to another user. A holder's pid is only meaningful on its own host, which the
 * caller checks.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
