import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a process spent its CPU time: self time by function, or by package. */
export interface CostLine {
  name: string;
  /** Share of all samples, 0–1. */
  share: number;
}

/** `node_modules/@apollo/gateway/...` → `@apollo/gateway`; our sources by workspace folder. */
export function packageOf(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const [scope, name] = url.slice(modules + 'node_modules/'.length).split('/');
    return scope?.startsWith('@') ? `${scope}/${name ?? ''}` : (scope ?? url);
  }
  if (url.startsWith('node:')) return 'node (built-in)';
  const ours = /\/(schema|gateway|hub|tools|subgraphs\/\w+)\/src\//.exec(url);
  if (ours) return `govgraph ${ours[1]}`;
  return url === '' ? '(native, GC, idle)' : url;
}

/** The `top` costliest functions and packages (self time) of one .cpuprofile file. */
export function summarizeProfile(
  path: string,
  top = 12,
): { functions: CostLine[]; packages: CostLine[] } {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  let total = 0;
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  for (const [id, time] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    total += time;
    const where = frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/main\//, '');
    const name = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + time);
    const pkg = packageOf(frame.url) || frame.functionName;
    packages.set(pkg, (packages.get(pkg) ?? 0) + time);
  }
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, time]) => ({ name, share: total > 0 ? time / total : 0 }));
  return { functions: rank(functions), packages: rank(packages) };
}

/** Every profile in `dir`: one `<process>.cpuprofile` per gateway process. */
export function profilesIn(dir: string): { process: string; path: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()
    .map((f) => ({ process: f.replace(/\.cpuprofile$/, ''), path: join(dir, f) }));
}

/** Every gateway process's top costs, for the terminal. */
export function formatProfiles(dir: string, top = 12): string {
  const percent = (line: CostLine) => `${(line.share * 100).toFixed(1).padStart(5)}%  ${line.name}`;
  return [
    `CPU profiles in ${dir} (self time, idle excluded):`,
    ...profilesIn(dir).flatMap(({ process, path }) => {
      const summary = summarizeProfile(path, top);
      return [
        `  ${process}, by package:`,
        ...summary.packages.map((l) => `    ${percent(l)}`),
        `  ${process}, by function:`,
        ...summary.functions.map((l) => `    ${percent(l)}`),
      ];
    }),
  ].join('\n');
}
