import { ensureChromium } from './chromium.js';

/**
 * Vitest global setup of the projects with browser tests: finds Chromium, or installs Debian's
 * package on a fresh machine, before any test file starts (so parallel files never race an
 * install). A failure is printed, not thrown: the other tests still run, and each browser test
 * fails with `requireChromium`'s message.
 */
export default function setup(): void {
  try {
    ensureChromium({ log: (line) => console.log(line) });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
  }
}
