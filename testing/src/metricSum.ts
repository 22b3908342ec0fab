/**
 * The sum of a metric's samples in a Prometheus text exposition (what `/metrics` serves), over
 * every label set that holds `labels`; undefined when it has no such sample.
 */
export function metricSum(
  text: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number | undefined {
  let sum: number | undefined;
  for (const line of text.split('\n')) {
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample || sample[1] !== name) continue;
    const found = new Map(
      [...(sample[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => found.get(key) === value)) {
      sum = (sum ?? 0) + Number(sample[3]);
    }
  }
  return sum;
}
