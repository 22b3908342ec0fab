import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureError } from '@govgraph/schema';

const run = promisify(execFile);

/** Where Debian's PostgreSQL 15 server binaries are (initdb, pg_ctl). */
export const POSTGRES_BIN = process.env.CHAOS_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

/** A PostgreSQL cluster of the harness's own, in a temporary directory, on a free port. */
export interface PrivatePostgres {
  readonly url: string;
  readonly port: number;
  start(): Promise<void>;
  /** A fast shutdown (`pg_ctl -m fast`): open sessions are ended, as an operator's restart does. */
  stop(): Promise<void>;
}

/** Runs a PostgreSQL binary as the `postgres` user when we are root (initdb refuses root). */
async function asPostgres(binary: string, args: string[]): Promise<string> {
  const path = join(POSTGRES_BIN, binary);
  const asRoot = process.getuid?.() === 0;
  const [command, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', path, ...args]]
    : [path, args];
  try {
    const { stdout } = await run(command, argv, { timeout: 60_000 });
    return stdout;
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr ?? ensureError(error).message;
    throw new Error(`${binary} failed (PostgreSQL 15 binaries in ${POSTGRES_BIN}): ${detail}`);
  }
}

function ownedByPostgres(dir: string): void {
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() !== 0) return;
  const { uid, gid } = postgresIds();
  chownSync(dir, uid, gid);
  chmodSync(dir, 0o700);
}

function postgresIds(): { uid: number; gid: number } {
  // /etc/passwd is the one place a root process learns the postgres user's ids without a library.
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = (line ?? '').split(':');
  if (uid === undefined || gid === undefined) {
    throw new Error(
      'there is no postgres user; install PostgreSQL 15 (apt-get install postgresql-15)',
    );
  }
  return { uid: Number(uid), gid: Number(gid) };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** initdb in `dir` (trust auth, fsync off: a throwaway cluster), not started yet. */
export async function createPrivatePostgres(dir: string): Promise<PrivatePostgres> {
  const port = await freePort();
  const data = join(dir, 'data');
  const socketDir = join(dir, 'socket');
  ownedByPostgres(dir);
  ownedByPostgres(socketDir);
  await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const pgCtl = (args: string[]) => asPostgres('pg_ctl', ['-D', data, ...args]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      await pgCtl(['-o', options, '-l', join(dir, 'postgres.log'), '-w', '-t', '60', 'start']);
    },
    async stop() {
      await pgCtl(['-m', 'fast', '-w', '-t', '60', 'stop']).catch(() => undefined);
    },
  };
}
