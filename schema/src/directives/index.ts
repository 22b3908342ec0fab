import { readFileSync } from 'node:fs';
import { type DocumentNode, parse } from 'graphql';

/** Path of the standards SDL, for tools (codegen) that read schema files. */
export const standardsSdlPath = new URL('./standards.graphql', import.meta.url);

/** The standards SDL: federation link, metadata directives, identifier scalars. */
export const standardsSdl: string = readFileSync(standardsSdlPath, 'utf8');
export const standardsTypeDefs: DocumentNode = parse(standardsSdl);

/** Names of the metadata directives that every subgraph publishes into the supergraph. */
export const STANDARDS_SPEC_URL = 'https://specs.govgraph.gov.example/standards/v1.0';
export const CLASSIFICATION_LEVELS = [
  'PUBLIC',
  'INTERNAL',
  'PERSONAL',
  'SENSITIVE',
  'CONFIDENTIAL',
] as const;
export type ClassificationLevel = (typeof CLASSIFICATION_LEVELS)[number];
