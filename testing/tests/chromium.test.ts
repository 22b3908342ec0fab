import { describe, expect, it } from 'vitest';
import { chromiumPath, ensureChromium, requireChromium } from '../src/chromium.js';

describe('Chromium for the browser tests', () => {
  it("uses Debian's package unless CHROMIUM_PATH names another binary", () => {
    expect(chromiumPath({})).toBe('/usr/bin/chromium');
    expect(chromiumPath({ CHROMIUM_PATH: '  ' })).toBe('/usr/bin/chromium');
    expect(chromiumPath({ CHROMIUM_PATH: '/opt/chromium/chrome' })).toBe('/opt/chromium/chrome');
  });

  it('takes a CHROMIUM_PATH that exists as it is, installing nothing', () => {
    const lines: string[] = [];
    const env = { CHROMIUM_PATH: process.execPath };
    expect(ensureChromium({ env, log: (line) => lines.push(line) })).toBe(process.execPath);
    expect(requireChromium(env)).toBe(process.execPath);
    expect(lines).toEqual([]);
  });

  it('refuses a CHROMIUM_PATH that does not exist, saying which, rather than installing', () => {
    const env = { CHROMIUM_PATH: '/nonexistent/chromium' };
    expect(() => ensureChromium({ env })).toThrow(
      'CHROMIUM_PATH is set to /nonexistent/chromium, which does not exist',
    );
    expect(() => requireChromium(env)).toThrow(
      /need Chromium at \/nonexistent\/chromium, which is missing\. Install it with/,
    );
  });
});
