import { z } from 'zod';

/** Raised when the environment does not describe a startable service; lists every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A command's arguments are wrong; the message names the problem and shows the usage (exit 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Parses environment variables once, at the edge (`main.ts`), into a typed object. Every
 * problem is reported at once, each naming the variable and what is wrong with it. An empty
 * variable counts as unset, so its default applies.
 */
export function parseEnv<T extends z.ZodRawShape>(
  shape: T,
  env: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<T>> {
  // `PORT=` in an env file means "not set", not 0: coercion would turn '' into port 0 silently.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = z.object(shape).safeParse(given);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '?');
    const value = env[name];
    const shown = value === undefined ? 'is not set' : `is ${shownValue(name, value)}`;
    const problem = value === undefined ? 'it is required' : issue.message;
    return `  ${name} ${shown}: ${problem}`;
  });
  throw new ConfigError(`Configuration is not valid:\n${lines.join('\n')}`);
}

// Configuration errors end up in logs and terminals: a secret is never repeated in them.
const SECRET_NAME = /PRIVATE_KEY|ENCRYPTION_KEY|SECRET|PASSWORD/i;

/**
 * How a bad value is quoted in the error: as given, except that a variable named like a secret
 * (`…_PRIVATE_KEY`, `CACHE_ENCRYPTION_KEYS`, `…_PASSWORD`, …) is not shown at all, and a URL's password is masked.
 */
function shownValue(name: string, value: string): string {
  if (SECRET_NAME.test(name)) return `set (${value.length} characters, not shown)`;
  return JSON.stringify(value.replace(/(\/\/[^/:@\s]*:)[^/@\s]*@/g, '$1***@'));
}

/** A TCP port, 0-65535, from an environment string. */
export const portVar = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be 0-65535')
    .max(65535, 'must be 0-65535')
    .default(fallback);

/** An optional PostgreSQL URL; unset means the embedded SQLite file. */
export const databaseUrlVar = z
  .string()
  .regex(
    /^postgres(ql)?:\/\/.+/,
    'must be a postgres:// URL, or unset for the embedded SQLite file',
  )
  .optional();

/** A switch: `true`/`1` or `false`/`0`, read as a boolean; `fallback` when unset. */
export function booleanVar(fallback: boolean) {
  return z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');
}

export const logLevelVar = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    error: 'must be one of fatal, error, warn, info, debug, trace, silent',
  })
  .default('info');
