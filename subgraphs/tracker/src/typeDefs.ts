import { readFileSync } from 'node:fs';
import { type DocumentNode, parse } from 'graphql';

/** The data tracker's contract: `schema.graphql` beside this file. */
export const typeDefs: DocumentNode = parse(
  readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
);
