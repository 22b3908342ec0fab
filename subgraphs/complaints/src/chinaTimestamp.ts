// The hotline keeps China Standard Time (UTC+8, no daylight saving) on every timestamp, so
// stored timestamps sort as text in the order of the instants.
const CST_OFFSET_MS = 8 * 3600 * 1000;

/** An instant as RFC 3339 in +08:00, to the second: `2025-03-01T09:30:00+08:00`. */
export function chinaTimestamp(instant: Date): string {
  return `${new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}
