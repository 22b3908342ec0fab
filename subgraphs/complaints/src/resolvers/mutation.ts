import { deciderOf, requireSelf, writerOf } from '@govgraph/department';
import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { fileComplaint } from '../db/fileComplaint.js';
import { resolveComplaint } from '../db/resolveComplaint.js';
import type { ComplaintRow } from '../db/schema.js';
import { type EntityChange, emitEntitiesChanged } from '../events.js';
import { boundedText } from '../textBounds.js';

const MAX_TEXT = 2_000;

// What a write to a complaint makes stale: the complaint, and the lists of its two parties.
const changesOf = (row: ComplaintRow): EntityChange[] => [
  { typename: 'Complaint', key: row.id },
  { typename: 'LegalEntity', key: row.against_code },
  { typename: 'Person', key: row.complainant_id },
];

export const Mutation: MutationResolvers = {
  fileComplaint: async (_root, { input }, { db, logger, hub }) => {
    // A citizen complains as themself; an agency files on a person's behalf.
    requireSelf(
      writerOf(hub, 'fileComplaint'),
      input.complainantNationalId,
      'fileComplaint',
      'input.complainantNationalId',
    );
    const description = boundedText(input.description, {
      field: 'fileComplaint(input.description:)',
      argument: 'input.description',
      min: 10,
      max: MAX_TEXT,
      hint: 'Say what happened, when and where.',
    });
    const row = await fileComplaint(db, {
      complainantNationalId: input.complainantNationalId,
      againstCreditCode: input.againstCreditCode,
      category: input.category,
      description,
    });
    // Only now, after the commit: listeners may evict caches that must not refill with old data.
    await emitEntitiesChanged(changesOf(row), logger);
    return row;
  },
  resolveComplaint: async (_root, { input }, { db, logger, hub }) => {
    const decider = deciderOf(hub, 'resolveComplaint');
    const resolution = boundedText(input.resolution, {
      field: 'resolveComplaint(input.resolution:)',
      argument: 'input.resolution',
      min: 5,
      max: MAX_TEXT,
      hint: 'Say what was done, or why the complaint is rejected.',
    });
    const row = await resolveComplaint(
      db,
      { id: input.id, outcome: input.outcome, resolution },
      decider,
    );
    await emitEntitiesChanged(changesOf(row), logger);
    return row;
  },
};
