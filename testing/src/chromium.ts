import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's package: what the machines this project runs on install (README: Quick start). */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Where the browser tests find Chromium: `CHROMIUM_PATH` when set, else Debian's package. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH?.trim() || DEBIAN_CHROMIUM;
}

/**
 * Headless flags for a closed network: without the background-networking ones Chromium keeps
 * trying to reach Google's hosts, and as root it needs `--no-sandbox`.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The Chromium a browser test launches: its path, or an error that says what to install or set.
 * It never installs anything (the projects' global setup does, once, before the files start).
 */
export function requireChromium(env: NodeJS.ProcessEnv = process.env): string {
  const path = chromiumPath(env);
  if (existsSync(path)) return path;
  throw new Error(
    `The browser tests need Chromium at ${path}, which is missing. Install it with \`apt-get update && apt-get install -y chromium\` (npm test does so itself when run as root on Debian), or set CHROMIUM_PATH to a Chromium binary.`,
  );
}

export interface EnsureChromiumOptions {
  env?: NodeJS.ProcessEnv;
  /** Progress lines (the install takes a minute or two). */
  log?: (line: string) => void;
}

/**
 * Makes sure the browser tests have a Chromium, so that `npm ci && npm test` works on a fresh
 * machine. Found: its path. Missing at Debian's path, on a machine where this process may install
 * packages (root, `apt-get` present) and `GOVGRAPH_INSTALL_CHROMIUM` is not `0`: installs Debian's
 * `chromium` package. Otherwise throws an error that says what to install or set.
 */
export function ensureChromium(options: EnsureChromiumOptions = {}): string {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  const path = chromiumPath(env);
  if (existsSync(path)) return path;
  if (path !== DEBIAN_CHROMIUM) {
    throw new Error(`CHROMIUM_PATH is set to ${path}, which does not exist: correct or unset it.`);
  }
  const refusal = installRefusal(env);
  if (refusal) {
    throw new Error(
      `The browser tests need Chromium at ${path}, which is missing, and ${refusal}. Install it with \`apt-get update && apt-get install -y chromium\`, or set CHROMIUM_PATH to a Chromium binary.`,
    );
  }
  log(`Chromium is missing at ${path}: installing Debian's chromium package (once per machine)…`);
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'chromium'],
  ]) {
    const run = spawnSync('apt-get', args, {
      env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (run.status !== 0) {
      throw new Error(
        `Installing Chromium failed (apt-get ${args.join(' ')} exited with ${run.status ?? run.signal}): ${run.stderr.trim().slice(-500)}`,
      );
    }
  }
  if (!existsSync(path)) {
    throw new Error(`apt-get installed chromium, but ${path} is still missing.`);
  }
  log(`Chromium installed at ${path}.`);
  return path;
}

/** Why this process may not install Chromium itself, or undefined when it may. */
function installRefusal(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GOVGRAPH_INSTALL_CHROMIUM === '0')
    return 'GOVGRAPH_INSTALL_CHROMIUM=0 forbids installing it';
  if (process.getuid?.() !== 0) return 'installing packages needs root';
  const apt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' });
  if (apt.status !== 0) return 'this machine has no apt-get';
  return undefined;
}
