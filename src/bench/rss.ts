/** Samples the total resident memory of a process and all its descendants (Linux /proc). */
import { readFileSync, readdirSync } from 'node:fs';

function children(pid: number): number[] {
  try {
    const tasks = readdirSync(`/proc/${pid}/task`);
    return tasks.flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function rssKB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function treeRssKB(pid: number): number {
  return rssKB(pid) + children(pid).reduce((sum, child) => sum + treeRssKB(child), 0);
}

/** Starts sampling every `ms`; `stop()` returns the peak in MB. */
export function treePeakRss(pid: number, ms = 50): { stop(): number } {
  let peak = treeRssKB(pid);
  const timer = setInterval(() => (peak = Math.max(peak, treeRssKB(pid))), ms);
  return {
    stop() {
      clearInterval(timer);
      return peak / 1024;
    },
  };
}
