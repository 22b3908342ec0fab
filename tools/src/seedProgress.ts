import type { SeedProgress } from '@govgraph/department';
import cliProgress from 'cli-progress';

export interface SeedProgressDisplay {
  /** The progress callback for one department; its tables each get a bar (or lines). */
  forDepartment(name: string): SeedProgress;
  stop(): void;
}

/**
 * Progress of a seed run: a cli-progress MultiBar with one bar per department table on a
 * terminal; plain lines elsewhere (CI logs, pipes), one per table every tenth of the way.
 */
export function createSeedProgress(
  options: { tty?: boolean; write?: (line: string) => void } = {},
): SeedProgressDisplay {
  const tty = options.tty ?? process.stdout.isTTY === true;
  const write = options.write ?? ((line: string) => console.log(line));
  if (!tty) {
    const lastTenth = new Map<string, number>();
    return {
      forDepartment: (department) => (table, done, total) => {
        const key = `${department}.${table}`;
        const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
        if ((lastTenth.get(key) ?? -1) >= tenth) return;
        lastTenth.set(key, tenth);
        write(
          `${key}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} rows (${tenth * 10}%)`,
        );
      },
      stop: () => {},
    };
  }
  const bars = new cliProgress.MultiBar(
    {
      format: ' {table} [{bar}] {percentage}% {value}/{total}',
      barsize: 20,
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const byTable = new Map<string, cliProgress.SingleBar>();
  return {
    forDepartment: (department) => (table, done, total) => {
      const key = `${department}.${table}`;
      let bar = byTable.get(key);
      if (!bar) {
        bar = bars.create(total, 0, { table: key.padEnd(28) });
        byTable.set(key, bar);
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop: () => bars.stop(),
  };
}
