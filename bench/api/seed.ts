/** The benchmark organisation: one engagement with many controls and samples, and an API token to call it. */
import { DEFAULT_PERVASIVENESS } from '../../src/domain/index.js';
import { createApiTokensRepository } from '../../src/store/api-tokens-repository.js';
import { replaceExamination } from '../../src/store/controls-examination.js';
import { migrateToLatest, openDatabase } from '../../src/store/database.js';
import { createEngagementsRepository } from '../../src/store/engagements-repository.js';
import { createMembershipsRepository } from '../../src/store/memberships-repository.js';
import { createOrganizationsRepository } from '../../src/store/organizations-repository.js';
import { createUsersRepository } from '../../src/store/users-repository.js';
import { defaultDependencies } from '../../src/store/values.js';
import { syntheticExamination } from '../support/synthetic.js';

export interface Seeded {
  organizationId: string;
  engagementId: string;
  token: string;
}

export const BENCH_TOKEN = 'assay-bench-token-0123456789abcdef';

export async function seed(databaseUrl: string, controls: number, samplesPerControl: number): Promise<Seeded> {
  const store = await openDatabase(databaseUrl);
  try {
    await migrateToLatest(store.db);
    const examination = syntheticExamination(controls, samplesPerControl);
    return await store.db.transaction().execute(async (trx) => {
      const org = await createOrganizationsRepository(trx).create({ slug: 'bench', name: 'Bench Corp' });
      const user = await createUsersRepository(trx).create({ email: 'bench@bench.example', displayName: 'Bench', passwordHash: 'unused' });
      // A token acts as its creator, within the creator's role today: the creator must be a member.
      await createMembershipsRepository(trx).add({ organizationId: org.id, userId: user.id, role: 'viewer' });
      const engagement = await createEngagementsRepository(trx).create({
        ...examination.engagement,
        organizationId: org.id,
        name: 'FY2026',
        pervasiveness: DEFAULT_PERVASIVENESS,
      });
      await replaceExamination(trx, defaultDependencies, engagement.id, examination);
      await createApiTokensRepository(trx).create({ organizationId: org.id, name: 'bench', token: BENCH_TOKEN, role: 'viewer', createdBy: user.id, expiresAt: null });
      return { organizationId: org.id, engagementId: engagement.id, token: BENCH_TOKEN };
    });
  } finally {
    await store.close();
  }
}
