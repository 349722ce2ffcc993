/**
 * CPU time of this process spent in `f`, in milliseconds. Budgets that catch hangs and
 * exponential blow-ups (minutes, not milliseconds) are checked against CPU time, not wall time:
 * on a loaded shared machine the wall clock of a linear run can stretch tenfold while its CPU
 * time barely moves.
 */
export function cpuMs<T>(f: () => T): { value: T; ms: number } {
  const before = process.cpuUsage();
  const value = f();
  const used = process.cpuUsage(before);
  return { value, ms: (used.user + used.system) / 1000 };
}
