import type { Kysely, Migration } from 'kysely';

// Issue #10: a complaint is closed by an official of its handling department; the complaint
// keeps who (the operator, at most 64 characters as the gateway and departments accept it) and
// under which agency (text: agency ids have no length limit). Null on complaints closed before.
export const resolvedByMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('complaint')
      .addColumn('resolved_by_operator', 'varchar(64)')
      .execute();
    await db.schema.alterTable('complaint').addColumn('resolved_by_agency', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('complaint').dropColumn('resolved_by_agency').execute();
    await db.schema.alterTable('complaint').dropColumn('resolved_by_operator').execute();
  },
};
