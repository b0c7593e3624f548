import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRiskInput } from '../../domain/risks/testing.js';
import type { RiskRegister } from '../../services/risks/index.js';
import { createServices } from '../../services/index.js';
import { OPERATOR } from '../../services/platform/actor.js';
import { openDatabase } from '../../store/database.js';
import { createOrganizationsRepository } from '../../store/organizations-repository.js';
import { runCli } from '../testing.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');

describe('assay risks', () => {
  it('lists the register from the database, highest residual first, with the control that sets it', async () => {
    const database = join(await mkdtemp(join(tmpdir(), 'assay-risks-')), 'assay.sqlite');
    expect((await runCli('import', ACME, '--database', database, '--organization', 'acme')).code).toBe(0);
    const store = await openDatabase(database);
    const services = createServices(store);
    const organization = await createOrganizationsRepository(store.db).findBySlug('acme');
    const [engagement] = (await services.engagements.list(OPERATOR, organization!.id, { limit: 1, offset: 0 })).items;
    await services.risks.create(OPERATOR, organization!.id, engagement!.id, buildRiskInput({ title: 'Phished credentials', controls: ['AC-01'] }));
    await services.risks.create(OPERATOR, organization!.id, engagement!.id, buildRiskInput({ title: 'Nothing mitigates', controls: [], likelihood: 3, impact: 3 }));
    await store.close();

    const text = await runCli('risks', '--organization', 'acme', '--database', database);
    expect(text.code).toBe(0);
    // The workspace's own risks came with the import (R-005 raised by PayRight's report); the two added follow them.
    expect(text.stdout).toBe(
      [
        'R-002  residual 12 high (no effective control), inherent 12 high: Leavers keep access to customer data',
        'R-001  residual 10 high (set by AC-01), inherent 20 critical: Stolen workforce credentials reach production',
        'R-006  residual 10 high (set by AC-01), inherent 20 critical: Phished credentials',
        'R-005  residual 9 medium (no effective control), inherent 9 medium: PayRight: its SOC 2 report has exceptions (1)',
        'R-007  residual 9 medium (no effective control), inherent 9 medium: Nothing mitigates',
        'R-004  residual 5 medium (set by BC-01), inherent 10 high: Customer data is lost',
        'R-003  residual 3 low (set by CM-01), inherent 9 medium: An unreviewed change breaks production',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await runCli('risks', '--organization', 'acme', '--database', database, '--format', 'json')).stdout) as RiskRegister;
    expect(json.risks.map((r) => [r.code, r.assessment.residual.score])).toEqual([['R-001', 10], ['R-002', 12], ['R-003', 3], ['R-004', 5], ['R-005', 9], ['R-006', 10], ['R-007', 9]]);
    expect((await runCli('risks', '--organization', 'nobody', '--database', database)).code).toBe(2);
  });

  it("reads examples/acme's risks/ against its own forecast, the same rule as the stored register", async () => {
    const { code, stdout } = await runCli('risks', ACME);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'R-002  residual 12 high (no effective control), inherent 12 high: Leavers keep access to customer data',
        'R-001  residual 10 high (set by AC-01), inherent 20 critical: Stolen workforce credentials reach production',
        'R-004  residual 5 medium (set by BC-01), inherent 10 high: Customer data is lost',
        'R-003  residual 3 low (set by CM-01), inherent 9 medium: An unreviewed change breaks production',
        '',
      ].join('\n'),
    );
  });
});
