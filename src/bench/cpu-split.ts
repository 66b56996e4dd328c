import { readFileSync } from 'node:fs';

/** CPU seconds a process has used so far (Linux /proc; 0 where it cannot be read). */
export function processCpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

export interface CpuSplit {
  quarry_cpu_s: number;
  temporal_cpu_s: number;
  weaviate_cpu_s: number;
}

/** Measures where the CPU time of `work` went: this process, the Temporal server, Weaviate. */
export async function withCpuSplit<T>(
  pids: { temporal?: number; weaviate?: number },
  work: () => Promise<T>,
): Promise<{ result: T; cpu: CpuSplit }> {
  const self0 = process.cpuUsage();
  const t0 = processCpuSeconds(pids.temporal);
  const w0 = processCpuSeconds(pids.weaviate);
  const result = await work();
  const self = process.cpuUsage(self0);
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return {
    result,
    cpu: {
      quarry_cpu_s: round2((self.user + self.system) / 1e6),
      temporal_cpu_s: round2(processCpuSeconds(pids.temporal) - t0),
      weaviate_cpu_s: round2(processCpuSeconds(pids.weaviate) - w0),
    },
  };
}
