const EIGHT_HOURS = 8 * 60 * 60 * 1000;

/**
 * The platform's timestamps: RFC 3339 in China's time (+08:00) to the second. One fixed offset
 * keeps every stored timestamp sorting as text in time order, on both engines.
 */
export function platformTime(instant: Date): string {
  return `${new Date(instant.getTime() + EIGHT_HOURS).toISOString().slice(0, 19)}+08:00`;
}
