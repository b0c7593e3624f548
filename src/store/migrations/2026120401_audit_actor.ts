/**
 * The audit log keeps who acted whole (`actor_detail`: the kind, the person's id and e-mail, the token's id and
 * name, as canonical JSON) beside the words it has always kept (`actor`), so readers stop parsing the words.
 * Events recorded before keep their words only: their hashes never covered a detail, and they still verify.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_events').addColumn('actor_detail', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_events').dropColumn('actor_detail').execute();
}
