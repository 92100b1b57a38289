import { readFileSync } from 'node:fs';

/** Linux clock ticks per second (`getconf CLK_TCK`), the unit of /proc's CPU counters. */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system, all threads) a process has used so far, in seconds. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/**
 * Starts measuring the share of the machine's CPU time the hypervisor took (steal) and returns a
 * function that reads it so far: wall-clock figures of a run with much steal say little.
 */
export function stealMeter(): () => number {
  const read = () => {
    const counters = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1);
    const ticks = counters.map(Number);
    return { total: ticks.reduce((sum, value) => sum + value, 0), steal: ticks[7] ?? 0 };
  };
  const start = read();
  return () => {
    const end = read();
    return (end.steal - start.steal) / Math.max(1, end.total - start.total);
  };
}
