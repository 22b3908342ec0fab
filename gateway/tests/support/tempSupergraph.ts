import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempFile {
  path: string;
  write(text: string): Promise<void>;
  remove(): Promise<void>;
}

/** A supergraph file in its own temporary directory (the gateway watches the directory). */
export async function tempSupergraph(sdl?: string): Promise<TempFile> {
  const dir = await mkdtemp(join(tmpdir(), 'govgraph-gateway-'));
  const path = join(dir, 'supergraph.graphql');
  if (sdl !== undefined) await writeFile(path, sdl);
  return {
    path,
    write: (text) => writeFile(path, text),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
