/**
 * Three engagements for the documents' content tests, one per opinion a reader must be told about: clean
 * (unmodified), qualified (one series fails) and adverse (failures pervasive across three series). Each is built
 * through the engine, so a document test reads what the engine concludes, not a hand-typed result.
 */
import {
  criteriaOfCategories,
  deriveFindings,
  examine,
  seriesOf,
  type Control,
  type ControlTest,
  type Examination,
  type Finding,
} from '../../domain/index.js';
import { buildAction, doneAction, ROOT_CAUSE } from '../../domain/findings/testing.js';
import { buildEngagement, buildSamples } from '../../domain/testing/builders.js';
import type { ReportData } from './data.js';

export type Scenario = 'clean' | 'qualified' | 'adverse';

/** The series whose key control fails in each scenario. */
const FAILING_SERIES: Record<Scenario, string[]> = { clean: [], qualified: ['CC6'], adverse: ['CC6', 'CC7', 'CC8'] };

/** One key daily control per series of the security criteria, addressing every criterion of its series. */
function seriesControls(): Control[] {
  const bySeries = new Map<string, string[]>();
  for (const criterion of criteriaOfCategories(['security'])) {
    const series = seriesOf(criterion.id);
    bySeries.set(series, [...(bySeries.get(series) ?? []), criterion.id]);
  }
  return [...bySeries].map(([series, criteria]) => ({
    id: `${series}-01`,
    title: `The ${series} key control operates as designed`,
    criteria,
    frequency: 'daily',
    nature: 'manual',
    key: true,
    design: 'effective',
    compensates: [],
    owner: 'compliance@acme.example',
  }));
}

export function scenarioExamination(scenario: Scenario): Examination {
  const controls = seriesControls();
  const failing = new Set(FAILING_SERIES[scenario].map((s) => `${s}-01`));
  const tests: ControlTest[] = controls.map((control) => ({
    control: control.id,
    method: 'inspection',
    populationSize: 250,
    // 25 samples with 4 deviations bound the rate far above the 10% tolerable rate: not effective.
    samples: failing.has(control.id) ? buildSamples(21, 4, control.id) : buildSamples(25, 0, control.id),
    scopeLimitation: null,
  }));
  return {
    engagement: buildEngagement({ organization: 'Acme Cloud, Inc.', system: 'Acme Analytics Platform', periodStart: '2026-01-01', periodEnd: '2026-06-30', categories: ['security'] }),
    controls,
    tests,
  };
}

/** A scenario's data as both the CLI and the API hand it to a builder: findings followed up, one response approved. */
export function scenarioData(scenario: Scenario): ReportData {
  const examination = scenarioExamination(scenario);
  const result = examine(examination);
  const findings: Finding[] = deriveFindings(result, examination).map((finding, i) => ({
    ...finding,
    rootCause: ROOT_CAUSE.id,
    correctiveActions: i === 0 ? [doneAction('2026-08-20')] : [buildAction({ id: `CA-${i + 1}` })],
  }));
  return {
    examination,
    result,
    coverage: [],
    findings,
    rootCauses: [ROOT_CAUSE],
    responses: findings.slice(0, 1).map((finding) => ({
      finding: finding.code,
      status: 'approved',
      whatHappened: 'Four daily reviews were not performed in March.',
      rootCause: 'The reviewer was on leave and no deputy was named.',
      correctiveAction: 'A deputy reviewer is now named for every absence.',
      remediatedOn: '2026-08-20',
      editedBy: 'compliance@acme.example',
      editedOn: '2026-08-21',
      approvedBy: 'cfo@acme.example',
      approvedOn: '2026-08-22',
    })),
    monitoring: [],
    changes: [],
    history: [],
    publishedNames: [],
    locale: 'en-GB',
    generatedAt: '2026-09-15T10:00:00.000Z',
  };
}
