import { expect } from 'vitest';
import { buildEngagement } from '../../../test/support/factories.js';
import { testMigration } from '../../../test/support/migrations.js';
import { createChecksRepository, type CheckRunInput } from '../checks-repository.js';

testMigration('2026120550_checks', 'holds checks, runs and schedules that go with their engagement, refuses an unknown run status, and goes back down', async ({ db, migrateTo }) => {
  await migrateTo('2026120550_checks');
  const engagement = await buildEngagement(db);
  const checks = createChecksRepository(db);
  await db.transaction().execute((trx) => checks.replaceAll(engagement.id, [{ checkId: 'MON-1', title: 'One', fileName: 'one.yaml', definition: 'id: MON-1' }], trx));
  const [check] = await checks.list(engagement.id);
  if (!check) throw new Error('no check');
  const run: Omit<CheckRunInput, 'status'> = { asOf: '2026-06-30', trigger: 'on_demand', population: 2, failures: 1, failing: [{ item: 'E1', reason: 'still active' }], error: null, sources: [], findingCode: null };
  await checks.addRun(check.id, check.checkId, 'run-1', { ...run, status: 'fail' });
  await expect(checks.addRun(check.id, check.checkId, 'run-2', { ...run, status: 'maybe' as never })).rejects.toThrow();
  await checks.setSchedule(check.id, { pattern: '0 6 * * *', nextDueAt: new Date('2026-07-01T06:00:00Z') });
  expect((await checks.dueJobs(new Date('2026-07-02T00:00:00Z'))).map((j) => j.checkId)).toEqual(['MON-1']);

  await db.deleteFrom('engagements').where('id', '=', engagement.id).execute();
  for (const table of ['checks', 'check_runs', 'check_jobs', 'check_sources'] as const) {
    expect(Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
  }

  const down = await migrateTo('2026120530_evidence');
  expect(down.results?.map((r) => r.migrationName)).toEqual(['2026120550_checks']);
  await migrateTo('2026120550_checks');
});
