import { readdirSync, readFileSync } from 'node:fs';

/** Linux clock ticks per second (`getconf CLK_TCK`), the unit of /proc's CPU counters. */
const TICKS_PER_SECOND = 100;

/** A process's command name and the fields of `/proc/<pid>/stat` after it. */
function procStat(pid: number | string): { name: string; fields: string[] } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return {
    name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
    fields: stat.slice(stat.lastIndexOf(')') + 2).split(' '),
  };
}

/** CPU time (user + system, all threads) a process has used so far, in seconds. */
export function cpuSeconds(pid: number): number {
  const { fields } = procStat(pid);
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/**
 * CPU time used so far by the local processes of one program (`postgres`, `redis-server`), with
 * that of their children that have exited: Postgres' backends and parallel workers come and go,
 * and the postmaster collects their time when it reaps them.
 */
function programCpuSeconds(program: string): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const { name, fields } = procStat(pid);
      if (name !== program) continue;
      ticks += fields.slice(11, 15).reduce((sum, value) => sum + Number(value), 0);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return ticks / TICKS_PER_SECOND;
}

/**
 * Starts measuring the CPU time of the services a run leans on (Postgres, Redis) and returns a
 * function that reads it so far: on two cores their share decides how much is left for the server.
 */
export function serviceCpuMeter(): () => { postgres: number; redis: number } {
  const read = () => ({
    postgres: programCpuSeconds('postgres'),
    redis: programCpuSeconds('redis-server'),
  });
  const start = read();
  return () => {
    const end = read();
    return { postgres: end.postgres - start.postgres, redis: end.redis - start.redis };
  };
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
