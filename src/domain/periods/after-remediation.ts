/**
 * The forecast after remediation: what the examination would conclude if
 * every control whose finding was closed by a passing retest operated as its retest found. Remediation during
 * the period never erases a deviation (reference §3): the period's own result is computed from the period's
 * own tests and is never changed; this is a second, separate result beside it.
 */
import type { ControlTest, Examination } from '../engagement.js';
import { compareIds, examine } from '../evaluation/examine.js';
import type { ControlConclusion, ExaminationResult, Opinion } from '../evaluation/result.js';
import { canClose, type RetestContext } from '../findings/closure.js';
import type { Finding, Retest } from '../findings/model.js';

/** A control whose test the forecast takes from a retest, and the conclusion either way. */
export interface RemediatedControl {
  control: string;
  /** The closed finding whose retest stands in for the period's test. */
  finding: string;
  retest: string;
  /** The period's own conclusion (from its own test). */
  before: ControlConclusion;
  /** The conclusion on the retest's samples. */
  after: ControlConclusion;
}

/** The forecast after remediation as the app shows it: both opinions, the controls replaced, the result. */
export interface AfterRemediation {
  /** The opinion forecast if every remediated control operated as its retest found. */
  opinion: Opinion;
  /** The period's own opinion forecast, which remediation does not change. */
  current: Opinion;
  controls: RemediatedControl[];
  result: ExaminationResult;
}

export interface ForecastAfterRemediation {
  /** The period's own result, exactly as `examine` gives it. */
  current: ExaminationResult;
  /** The result with each remediated control's test taken from its retest. */
  result: ExaminationResult;
  controls: RemediatedControl[];
}

/**
 * The retest that carries a closed finding's closure: of the retests that would close it on their own (canClose,
 * so the same rules: after the last fix, of the right control, concluding effective on a large enough sample),
 * the one over the latest period.
 */
export function closingRetest(finding: Finding, context: RetestContext): Retest | null {
  if (finding.status !== 'closed') return null;
  const passing = finding.retests.filter((retest) => canClose({ ...finding, retests: [retest] }, context).ok);
  return passing.reduce<Retest | null>((latest, r) => (latest === null || later(r, latest) ? r : latest), null);
}

function later(a: Retest, b: Retest): boolean {
  return a.periodEnd !== b.periodEnd ? a.periodEnd > b.periodEnd : a.date > b.date;
}

/**
 * The examination as if each control whose finding is closed by a passing retest had operated as the retest
 * found: that control's test is replaced by the retest's method, population and samples. Findings that are not
 * closed change nothing; where several closed findings concern one control, the latest closing retest stands.
 * Pure: the examination and the findings are read, never changed.
 */
export function forecastAfterRemediation(examination: Examination, findings: readonly Finding[]): ForecastAfterRemediation {
  const controls = new Map(examination.controls.map((c) => [c.id, c]));
  const context: RetestContext = { control: (id) => controls.get(id), sampling: examination.engagement.sampling };

  const chosen = new Map<string, { finding: string; retest: Retest }>();
  for (const finding of findings) {
    const retest = closingRetest(finding, context);
    if (retest === null) continue;
    const held = chosen.get(retest.control);
    if (held === undefined || later(retest, held.retest)) chosen.set(retest.control, { finding: finding.code, retest });
  }

  const current = examine(examination);
  if (chosen.size === 0) return { current, result: current, controls: [] };

  const retested = (control: string): ControlTest | undefined => {
    const found = chosen.get(control);
    if (!found) return undefined;
    const { method, populationSize, samples } = found.retest;
    return { control, method, populationSize, samples, scopeLimitation: null };
  };
  const tests = [
    ...examination.tests.map((t) => retested(t.control) ?? t),
    ...[...chosen.keys()].filter((id) => !examination.tests.some((t) => t.control === id)).flatMap((id) => retested(id) ?? []),
  ];
  const result = examine({ ...examination, tests });

  // Every chosen control is one of the examination's (a retest of an unknown control never closes).
  const conclusions = (of: ExaminationResult) => new Map(of.controls.map((c) => [c.id, c.conclusion]));
  const [was, is] = [conclusions(current), conclusions(result)];
  const remediated = [...chosen.entries()]
    .map(([control, { finding, retest }]) => ({
      control,
      finding,
      retest: retest.id,
      before: was.get(control) as ControlConclusion,
      after: is.get(control) as ControlConclusion,
    }))
    .sort((a, b) => compareIds(a.control, b.control));
  return { current, result, controls: remediated };
}
