/**
 * The scenarios of testing.ts with what the letters and the stakeholder pack speak of: the findings followed up
 * after the period (a history of steps, a retest that closed the first, a second root cause), a finding
 * identified after the period end, changes and monitoring runs on both sides of the bridge letter's time, and a
 * forecast history. The first finding is closed on 2026-09-12 after a retest; the others are still remediating.
 */
import type { Finding, RootCause, StatusChange } from '../../domain/index.js';
import { buildSamples } from '../../domain/testing/builders.js';
import type { ForecastPoint, ReportData } from './data.js';
import { scenarioData, type Scenario } from './testing.js';

export const TOOLING_CAUSE: RootCause = {
  id: 'RC-2',
  title: 'The deployment pipeline let a change through without its approval',
  category: 'technology',
  whys: ['A change was deployed unapproved', 'The pipeline did not require an approval'],
};

const step = (on: string, from: StatusChange['from'], to: StatusChange['to']): StatusChange => ({ on, from, to, reason: null });

const REMEDIATING: StatusChange[] = [step('2026-07-10', 'open', 'analysing'), step('2026-07-20', 'analysing', 'remediating')];

/** The first finding, fixed on 2026-08-20, retested over 21 August to 10 September and closed on 12 September. */
function closedAfterRetest(finding: Finding): Finding {
  return {
    ...finding,
    status: 'closed',
    retests: [
      {
        id: 'RT-1',
        control: finding.control ?? '',
        date: '2026-09-12',
        periodStart: '2026-08-21',
        periodEnd: '2026-09-10',
        method: 'inspection',
        populationSize: 21,
        samples: buildSamples(21, 0, 'RT'),
        conclusion: 'effective',
        reasons: [],
      },
    ],
    history: [...REMEDIATING, step('2026-08-21', 'remediating', 'ready_for_retest'), step('2026-09-12', 'ready_for_retest', 'closed')],
  };
}

/** A weakness management found itself in August, after the period: the bridge letter's to tell. */
export const SELF_IDENTIFIED: Finding = {
  code: 'F-SELF-1',
  title: 'Alerts from the intrusion detection system went unreviewed for a week',
  description: null,
  source: 'self_identified',
  control: null,
  criteria: ['CC7.2'],
  classification: { kind: 'operating', severity: 'deficiency', pervasive: false, reasons: [], override: null },
  status: 'open',
  identifiedOn: '2026-08-05',
  failedSamples: [],
  rootCause: null,
  correctiveActions: [],
  retests: [],
  riskAcceptance: null,
  falsePositiveReason: null,
  history: [],
};

/** Monthly forecasts from March to the day of the documents, getting worse for a scenario that ends modified. */
function forecastHistory(data: ReportData): ForecastPoint[] {
  const inScope = data.result.criteria.filter((c) => c.status !== 'not_applicable').length;
  const notMetNow = data.result.criteria.filter((c) => c.status === 'not_met').length;
  const exceptions = data.findings.filter((f) => f.source === 'deficiency');
  const open = exceptions.filter((f) => f.status !== 'closed').length;
  const dates = ['2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30', '2026-07-31', '2026-08-31', '2026-09-15'];
  return dates.map((date, i) => {
    // Unmet criteria appear in May and stand until the end; the first finding closes in September.
    const notMet = i < 2 ? 0 : notMetNow;
    return {
      at: `${date}T06:00:00.000Z`,
      opinion: notMet === 0 ? 'unmodified' : data.result.opinion.overall,
      criteriaMet: inScope - notMet,
      criteriaNotMet: notMet,
      criteriaInScope: inScope,
      openFindings: i < 2 ? 0 : i === dates.length - 1 ? open : exceptions.length,
    };
  });
}

export function letterScenarioData(scenario: Scenario): ReportData {
  const base = scenarioData(scenario);
  const derived = base.findings.map((finding, i): Finding => {
    const followed: Finding = {
      ...finding,
      failedSamples: finding.failedSamples.map((s, j) => ({ ...s, note: j % 2 === 0 ? 'The review was not signed off' : 'The review was signed off three days late' })),
      rootCause: finding.control === 'CC8-01' ? TOOLING_CAUSE.id : finding.rootCause,
    };
    return i === 0 ? closedAfterRetest(followed) : { ...followed, status: 'remediating', history: REMEDIATING };
  });
  const findings = scenario === 'clean' ? derived : [...derived, SELF_IDENTIFIED];
  const data: ReportData = {
    ...base,
    findings,
    rootCauses: [...base.rootCauses, TOOLING_CAUSE],
    changes: [
      { at: '2026-05-10T09:00:00.000Z', summary: 'Control CC6-01 changed its frequency' },
      { at: '2026-07-14T09:00:00.000Z', summary: 'Control CC6-01 changed its owner to jane.doe@acme.example' },
      { at: '2026-08-02T15:30:00.000Z', summary: 'Control CC8-01 now runs on the new deployment pipeline' },
      { at: '2026-10-01T08:00:00.000Z', summary: 'Control CC7-01 was retired' },
    ],
    monitoring: [
      { check: 'MON-MFA', title: 'Every console user has MFA', control: 'CC6-01', ranAt: '2026-09-01T02:00:00.000Z', tested: 40, failing: 0 },
      {
        check: 'MON-CHANGES',
        title: 'Merged changes were approved',
        control: 'CC8-01',
        ranAt: '2026-09-10T02:00:00.000Z',
        tested: 120,
        failing: scenario === 'clean' ? 0 : 2,
      },
      { check: 'MON-KEYS', title: 'Access keys are rotated', control: null, ranAt: '2026-06-15T02:00:00.000Z', tested: 12, failing: 1 },
    ],
  };
  return { ...data, history: forecastHistory(data) };
}

