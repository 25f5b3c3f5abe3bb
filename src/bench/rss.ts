/** Samples the resident memory of a process and all its descendants (Linux /proc): the total, and each process's own peak. */
import { readFileSync } from 'node:fs';

/**
 * The children a process started from its main thread, where Node starts child processes. Only
 * that thread's list is read: reading every thread's, 20 times a second, took CPU time from the
 * very build being measured.
 */
function children(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
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

function tree(pid: number): number[] {
  return [pid, ...children(pid).flatMap(tree)];
}

export interface PeakRss {
  /** Largest total of the whole tree at one sample, MB. */
  totalMB: number;
  /** Largest RSS of the process itself, MB. */
  rootMB: number;
  /** Largest RSS any one of its descendants reached (a speech worker), MB; 0 when it had none. */
  childMB: number;
}

/** Starts sampling every `ms`; `stop()` returns the peaks. */
export function treePeakRss(pid: number, ms = 50): { stop(): PeakRss } {
  const peak = { total: 0, root: 0, child: 0 };
  const sample = () => {
    const [root, ...rest] = tree(pid).map(rssKB);
    const child = Math.max(0, ...rest);
    peak.total = Math.max(peak.total, (root ?? 0) + rest.reduce((a, b) => a + b, 0));
    peak.root = Math.max(peak.root, root ?? 0);
    peak.child = Math.max(peak.child, child);
  };
  sample();
  const timer = setInterval(sample, ms);
  return {
    stop() {
      clearInterval(timer);
      return { totalMB: peak.total / 1024, rootMB: peak.root / 1024, childMB: peak.child / 1024 };
    },
  };
}
