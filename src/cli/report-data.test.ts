import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing.js';
import { workspaceReportData } from './report-data.js';

const ACME = join(import.meta.dirname, '../../examples/acme');

describe('a report’s data from a workspace', () => {
  it('holds the forecast `assay examine` prints, the workspace’s findings and the runs of the checks its tests stand on', async () => {
    const data = await workspaceReportData(ACME, new Date('2026-09-15T10:00:00Z'));
    const { descriptionWarnings, ...examined } = JSON.parse((await runCli('examine', ACME, '--format', 'json')).stdout) as { descriptionWarnings: unknown };
    expect(data.result).toEqual(examined);
    // The workspace's description.yaml comes with the warnings `assay examine` prints beside the forecast.
    expect(data.description?.warnings).toEqual(descriptionWarnings);
    expect(data.description?.description.subserviceOrganizations.map((o) => o.name)).toEqual(['Amazon Web Services']);
    // Its risks/ are assessed against that forecast: AC-04 is not effective, so the risk it mitigates keeps its likelihood.
    expect(data.risks?.map((r) => r.code)).toEqual(['R-001', 'R-002', 'R-003', 'R-004']);
    const ac04 = data.risks?.find((r) => r.controls.includes('AC-04'));
    expect(ac04?.assessment.residual.score).toBe(ac04?.assessment.inherent.score);
    expect(data.findings.length).toBeGreaterThan(0);
    expect(data.rootCauses.length).toBeGreaterThan(0);
    expect(data.monitoring.map((m) => [m.check, m.control, m.ranAt])).toContainEqual(['MON-AC-04', 'AC-04', '2026-06-30T00:00:00.000Z']);
    expect(data.monitoring.find((m) => m.check === 'MON-AC-04')).toMatchObject({ tested: 8, failing: 2 });
    expect(data.responses.map((r) => r.editedOn)).toContain('2026-07-28T14:00:00.000Z');
    expect(data).toMatchObject({ generatedAt: '2026-09-15T10:00:00.000Z', history: [], changes: [], publishedNames: [] });
  });
});
