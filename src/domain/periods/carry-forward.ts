/**
 * Opening the next period from a previous one (a re-examination that carries the controls forward): the system,
 * its controls and how each is tested go on; the evidence of the old period does not.
 */
import type { ControlTest, Engagement, Examination } from '../engagement.js';
import { addDays } from '../dates.js';
import type { Finding, RootCause } from '../findings/model.js';

export interface NextPeriod {
  /** ISO date; the day after the previous period ends or later. */
  periodStart: string;
  periodEnd: string;
}

/** What opening a re-examination takes: the new engagement's name and its period. */
export interface ReExamination extends NextPeriod {
  name: string;
}

/**
 * The examination of the next period, before anything is tested in it:
 * - the engagement's settings as they were (system, categories, criteria not applicable, sampling,
 *   pervasiveness), over the new period, as a Type 2 report (a period has a start; a Type 1 is followed by
 *   a Type 2); misstatements of the old description are not carried: the new period's description is judged
 *   afresh;
 * - every control as it was defined, its design assessment included: the model has no "not yet assessed"
 *   value, so the auditor re-evaluates design by changing the control where it no longer holds;
 * - every test with its method, but without population, samples or scope limitation: a new period needs new
 *   evidence, so each control stays not tested until it is tested again.
 *
 * Pure: the previous examination is read, never changed.
 */
export function carryForward(previous: Examination, period: NextPeriod): Examination {
  return {
    engagement: {
      ...previous.engagement,
      reportType: 'type2',
      periodStart: period.periodStart,
      periodEnd: period.periodEnd,
      notApplicable: previous.engagement.notApplicable.map((n) => ({ ...n })),
      categories: [...previous.engagement.categories],
      sampling: { ...previous.engagement.sampling },
      pervasiveness: { ...previous.engagement.pervasiveness },
      misstatements: [],
    },
    controls: previous.controls.map((c) => ({ ...c, criteria: [...c.criteria], compensates: [...c.compensates] })),
    tests: previous.tests.map(
      (t): ControlTest => ({ control: t.control, method: t.method, populationSize: null, samples: [], scopeLimitation: null }),
    ),
  };
}

/**
 * Why the next period cannot follow the previous one, or null when it can: it must start after the previous
 * period ends (for a Type 1, after its "as of" date), so that no day is examined twice. The rest of the new
 * period's settings are checked as any engagement's are.
 */
export function nextPeriodProblem(previous: Pick<Engagement, 'periodEnd'>, period: Pick<NextPeriod, 'periodStart'>): string | null {
  if (period.periodStart > previous.periodEnd) return null;
  return `the next period must start after the previous one ends (${previous.periodEnd}): on ${addDays(previous.periodEnd, 1)} or later`;
}

/**
 * The findings the next period takes over, with the root causes they are traced to: every finding but the
 * false positives (never issues). Open ones are still being worked; closed ones go on so that their
 * deficiency returning in the new period reopens them and marks their corrective actions ineffective
 * (reopenOnRegression), rather than passing as a new, unrelated finding. The previous period keeps its own
 * copies as they stood: its report does not change.
 */
export function carryFindingsForward(
  findings: readonly Finding[],
  rootCauses: readonly RootCause[],
): { findings: Finding[]; rootCauses: RootCause[] } {
  const carried = findings.filter((f) => f.status !== 'false_positive');
  const traced = new Set(carried.map((f) => f.rootCause));
  return { findings: carried, rootCauses: rootCauses.filter((r) => traced.has(r.id)) };
}
