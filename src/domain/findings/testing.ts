/** Factories for the findings tests: each fills what a test does not care about with a plain default. */
import { DEFAULT_SAMPLING, type Control } from '../engagement.js';
import { buildControl, buildSamples } from '../testing/builders.js';
import type { RetestContext } from './closure.js';
import { noFollowUp, type CorrectiveAction, type Finding, type Retest, type RootCause } from './model.js';

/** An event-driven control over CC6.2, like AC-04 of the demo: a retest of 5 passing samples of 14 concludes. */
export const RETESTED_CONTROL: Control = buildControl({ id: 'AC-04', criteria: ['CC6.2'], frequency: 'event', key: true });

export function contextOf(...controls: Control[]): RetestContext {
  const all = controls.length > 0 ? controls : [RETESTED_CONTROL];
  const byId = new Map(all.map((c) => [c.id, c]));
  return { control: (id) => byId.get(id), sampling: { ...DEFAULT_SAMPLING } };
}

export function buildFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    code: 'F-AC-04',
    title: 'AC-04 not effective: 2 of 5 samples deviated',
    description: null,
    source: 'deficiency',
    control: 'AC-04',
    criteria: ['CC6.2'],
    classification: { kind: 'operating', severity: 'material_weakness', pervasive: false, reasons: [], override: null },
    status: 'open',
    identifiedOn: '2026-06-30',
    failedSamples: [
      { item: 'T-7', note: 'Deactivated 7 business days late' },
      { item: 'T-11', note: 'Deactivated 8 business days late' },
    ],
    ...noFollowUp(),
    ...overrides,
  };
}

export function buildAction(overrides: Partial<CorrectiveAction> = {}): CorrectiveAction {
  return {
    id: 'CA-1',
    title: 'Automate deprovisioning from the HR system',
    owner: 'it-ops@acme.example',
    due: '2026-08-31',
    status: 'planned',
    completedOn: null,
    evidence: [],
    verification: null,
    ...overrides,
  };
}

export const doneAction = (completedOn = '2026-08-20', id = 'CA-1'): CorrectiveAction =>
  buildAction({ id, status: 'done', completedOn, evidence: ['CHG-1042'] });

/** A retest of AC-04 over September with `passed` passing and `failed` failing samples of 14 terminations. */
export function buildRetest(overrides: Partial<Retest> & { passed?: number; failed?: number } = {}): Retest {
  const { passed = 5, failed = 0, ...rest } = overrides;
  return {
    id: 'RT-1',
    control: 'AC-04',
    date: '2026-10-05',
    periodStart: '2026-09-01',
    periodEnd: '2026-09-30',
    method: 'inspection',
    populationSize: 14,
    samples: buildSamples(passed, failed, 'TERM'),
    conclusion: null,
    reasons: [],
    ...rest,
  };
}

export const ROOT_CAUSE: RootCause = {
  id: 'RC-1',
  title: 'Offboarding depends on a manual ticket from HR',
  category: 'process',
  whys: ['Access was removed late', 'IT waits for a ticket HR raises by hand'],
};
