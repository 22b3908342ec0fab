import { createHash } from 'node:crypto';
import {
  FILE_COMPLAINT,
  RECORD_SECTIONS,
  recordDocument,
  SUBMIT_APPLICATION,
} from './documents.js';

/** sha256 of a document's text, hex: the id Apollo's persisted-query extension carries. */
export function documentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Every document the desk may send by hash: the record for each non-empty set of sections
 * (the page asks only for the sections the agency's grants cover, so each set is its own
 * document), and the two writes. About 2,000 documents of under 2 KB each.
 */
export function trustedDeskDocuments(): ReadonlyMap<string, string> {
  const documents = new Map<string, string>();
  const keys = RECORD_SECTIONS.map((s) => s.key);
  for (let mask = 1; mask < 2 ** keys.length; mask++) {
    const text = recordDocument(keys.filter((_, i) => (mask & (1 << i)) !== 0));
    documents.set(documentHash(text), text);
  }
  for (const text of [FILE_COMPLAINT, SUBMIT_APPLICATION]) documents.set(documentHash(text), text);
  return documents;
}
