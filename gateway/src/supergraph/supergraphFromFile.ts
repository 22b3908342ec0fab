import { type FSWatcher, watch } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@govgraph/server';

export interface SupergraphFileOptions {
  /** The composed supergraph file; any supergraph composed by `@apollo/composition` works. */
  path: string;
  logger: Logger;
  /** Quiet time after the last change event before the file is read again. @default 100 */
  debounceMs?: number;
}

/**
 * The `supergraphSdl` hook of `ApolloGateway`: loads the file, waits for it when it does not
 * exist yet, and hands every changed version to `update`. A version that does not parse or
 * compose is logged and the gateway keeps serving the previous schema; in-flight requests
 * finish on the plan they started with, so a reload drops nothing.
 */
export function supergraphFromFile(options: SupergraphFileOptions): SupergraphSdlHook {
  const { path, logger } = options;
  const debounceMs = options.debounceMs ?? 100;
  return async ({ update }) => {
    let current = await readWhenPresent(path, logger, debounceMs);
    let timer: NodeJS.Timeout | undefined;
    const reload = async () => {
      const next = await readFile(path, 'utf8').catch((error: unknown) => {
        logger.warn(
          { err: error, path },
          'supergraph file unreadable; still serving the previous schema',
        );
        return undefined;
      });
      if (next === undefined || next === current) return;
      try {
        update(next);
        current = next;
        logger.info({ path }, 'supergraph reloaded');
      } catch (error) {
        logger.error(
          { err: error, path },
          'supergraph file does not load; still serving the previous schema',
        );
      }
    };
    // The directory is watched, not the file: editors and `compose` replace the file by
    // renaming a new one over it, which ends a watch on the old inode.
    const watcher = watchName(path, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), debounceMs);
    });
    return {
      supergraphSdl: current,
      cleanup: async () => {
        clearTimeout(timer);
        watcher.close();
      },
    };
  };
}

function watchName(path: string, onChange: () => void): FSWatcher {
  const name = basename(path);
  return watch(dirname(path), { persistent: false }, (_event, filename) => {
    if (filename === null || filename === name) onChange();
  });
}

// Start-up before `compose` has run: say so once, then wait for the file to appear.
async function readWhenPresent(path: string, logger: Logger, debounceMs: number): Promise<string> {
  const first = await readIfPresent(path);
  if (first !== undefined) return first;
  const dir = dirname(path);
  if (!(await isDirectory(dir))) {
    throw new Error(`the supergraph file's directory ${dir} does not exist`);
  }
  logger.warn({ path }, 'no supergraph file yet; waiting for it (run `npm run compose`)');
  return new Promise<string>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const check = () =>
      readIfPresent(path).then((sdl) => {
        if (sdl === undefined || sdl.trim() === '') return;
        clearTimeout(timer);
        watcher.close();
        resolve(sdl);
      }, fail);
    const fail = (error: unknown) => {
      clearTimeout(timer);
      watcher.close();
      reject(error);
    };
    const watcher = watchName(path, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void check(), debounceMs);
    });
    // The file may have appeared between the first read and the watch starting.
    void check();
  });
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
