import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const PAGE_HEADER = `# Benchmarks

Speed is measured by benchmark commands, never by timed tests. Every figure is recorded with
the date and the machine, and read as a ratio against a baseline measured in the same run:
absolute milliseconds say as much about the machine and what else ran on it as about govgraph.
One section per benchmark; each run appends a dated entry to its section, newest last.
`;

export interface BenchmarkSection {
  /** The section's heading (without `## `); entries go under the heading of this exact text. */
  heading: string;
  /** What the benchmark measures and how to run it; written once, when the section is new. */
  intro: string;
}

/**
 * Appends `entry` (markdown starting with a `### ` heading) at the end of `section` in the
 * page at `path`, creating the page or the section when missing. Other sections stay as they are.
 */
export function appendBenchmarkEntry(path: string, section: BenchmarkSection, entry: string): void {
  const page = existsSync(path) ? readFileSync(path, 'utf8') : PAGE_HEADER;
  const heading = `## ${section.heading}`;
  const lines = page.replace(/\n*$/, '\n').split('\n');
  const start = lines.indexOf(heading);
  const block = entry.trim().split('\n');
  if (start === -1) {
    lines.splice(
      lines.length - 1,
      0,
      '',
      heading,
      '',
      ...section.intro.trim().split('\n'),
      '',
      ...block,
    );
  } else {
    const next = lines.findIndex((line, i) => i > start && line.startsWith('## '));
    let end = next === -1 ? lines.length - 1 : next;
    while (end > start + 1 && lines[end - 1] === '') end--;
    lines.splice(end, 0, '', ...block);
  }
  writeFileSync(path, lines.join('\n').replace(/\n*$/, '\n'));
}
