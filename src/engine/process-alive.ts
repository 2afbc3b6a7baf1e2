// Whether a pid names a live process: signal 0 checks without delivering anything. EPERM means the
// process exists but belongs to another user, so it counts as alive (never ours to take over).

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
