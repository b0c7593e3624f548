/**
 * Words of the documents written for people outside the organisation (the customer letter, the bridge letter and
 * the stakeholder pack): plain language instead of the auditor's terms, dates as a person reads them, and the
 * guard that keeps internal people's names and e-mail addresses out of anything the data's free text carries.
 */
import type { ControlConclusion, Frequency, OpinionKind, RootCauseCategory, Sample, Severity, TestMethod } from '../../domain/index.js';
import { counted } from '../../domain/words.js';
import type { ReportData } from './data.js';
import { dateText } from './words.js';

/** A day as a person reads it in the organisation's locale: 2026-08-20 → "20 August 2026" (en-GB). */
export function longDate(iso: string, locale: string): string {
  return dateText(iso, locale, 'long');
}

/** What kind of cause a root cause is, for a reader who never saw the 5-whys. */
export const CAUSE_CATEGORY_WORDS: Readonly<Record<RootCauseCategory, string>> = {
  people: 'people: training, staffing or an individual error',
  process: 'process: how the work was organised',
  technology: 'technology: a system or tool did not work as intended',
  third_party: 'a third party: a vendor or subservice organisation',
  design_gap: 'control design: the control as designed could not meet its objective',
  monitoring_gap: 'monitoring: the failure was not detected in time',
};

/** How serious an exception is, in the words a customer needs to weigh it: a level and what it means. */
export const SEVERITY_WORDS: Readonly<Record<Severity, { level: string; meaning: string }>> = {
  deficiency: {
    level: 'Limited',
    meaning: 'the control still operated within the tolerable rate of deviation, and the criteria it supports were met.',
  },
  significant_deficiency: {
    level: 'Significant',
    meaning: 'the control did not operate effectively, but the criteria it supports were still met through other controls.',
  },
  material_weakness: {
    level: 'Material',
    meaning: "the criteria it supports were not met, which is why the report's opinion is modified.",
  },
};

/** What the report's opinion means, opening the customer letter. */
export const OPINION_WORDS: Readonly<Record<OpinionKind, string>> = {
  unmodified: "The service auditor's opinion is unmodified: the controls were suitably designed and operated effectively to meet the criteria.",
  qualified: "The service auditor's opinion is qualified: the controls met the criteria except for the matters described below.",
  adverse: "The service auditor's opinion is adverse: the matters described below were pervasive, so the controls did not meet the criteria.",
  disclaimer: 'The service auditor could not form an opinion (a disclaimer), because the evidence needed for the matters below was not available.',
};

/** A finding's status, as where the work on it stands. */
export const PROGRESS_WORDS = {
  open: 'being analysed',
  analysing: 'being analysed',
  remediating: 'being corrected',
  ready_for_retest: 'corrected, awaiting a retest',
  closed: 'closed: the correction was proven by a retest',
  risk_accepted: 'risk accepted by management',
} as const;

/** What a retest's conclusion says about the fix. */
const RETEST_WORDS: Readonly<Record<ControlConclusion, string>> = {
  effective: 'the control now operates effectively',
  effective_with_exceptions: 'the control operates, with exceptions within the tolerable rate',
  not_effective: 'the control still did not operate effectively',
  design_deficiency: 'the control is still not suitably designed',
  not_tested: 'no conclusion could be drawn',
};

/** The occasions on which a control of each frequency operates, as counted in a sentence. */
const OCCASIONS: Readonly<Record<Frequency, string>> = {
  annual: 'year',
  semiannual: 'half-year',
  quarterly: 'quarter',
  monthly: 'month',
  weekly: 'week',
  daily: 'day',
  'multiple-daily': 'occurrence',
  event: 'case',
  automated: 'run',
};

const METHOD_VERBS: Readonly<Record<TestMethod, string>> = {
  inquiry: 'asked about',
  observation: 'observed',
  inspection: 'inspected',
  reperformance: 'reperformed',
};

/**
 * How many of the occasions examined did not operate as described: "In 4 of the 25 days the service auditor
 * inspected, the control did not operate as described." The whole population tested is said so.
 */
export function deviationSentence(deviations: number, tested: number, whole: boolean, frequency: Frequency, method: TestMethod): string {
  const noun = OCCASIONS[frequency];
  const who = `the service auditor ${METHOD_VERBS[method]}${whole ? ' (every one in the period)' : ''}`;
  const share =
    deviations === tested
      ? tested === 1
        ? `In the one ${noun} ${who}`
        : `In all ${counted(tested, noun)} ${who}`
      : `In ${deviations} of the ${counted(tested, noun)} ${who}`;
  return `${share}, the control did not operate as described.`;
}

/** A retest in a sentence: when, over what time, what it found and what that means. */
export function retestSentence(
  retest: { date: string; periodStart: string; periodEnd: string; samples: readonly Pick<Sample, 'result'>[]; conclusion: ControlConclusion | null },
  frequency: Frequency,
  locale: string,
): string {
  const tested = retest.samples.length;
  const failed = retest.samples.filter((s) => s.result === 'fail').length;
  const noun = OCCASIONS[frequency];
  const found =
    tested === 0
      ? 'no occasion was tested'
      : failed === 0
        ? `none of the ${counted(tested, noun)} tested deviated`
        : `${failed} of the ${counted(tested, noun)} tested deviated`;
  const meaning = retest.conclusion === null ? 'its conclusion is not recorded yet' : RETEST_WORDS[retest.conclusion];
  return `Retested on ${longDate(retest.date, locale)}, over ${longDate(retest.periodStart, locale)} to ${longDate(retest.periodEnd, locale)}: ${found}, so ${meaning}.`;
}

/** The period a report covers, in words: "1 January 2026 to 30 June 2026", or "30 June 2026" for a Type 1. */
export function periodWords(data: ReportData): string {
  const { engagement } = data.examination;
  return engagement.reportType === 'type2' && engagement.periodStart
    ? `${longDate(engagement.periodStart, data.locale)} to ${longDate(engagement.periodEnd, data.locale)}`
    : longDate(engagement.periodEnd, data.locale);
}

/** "SOC 2 Type 2 report on Acme Analytics Platform for 1 January 2026 to 30 June 2026" (Type 1: "as of …"). */
export function reportWords(data: ReportData): string {
  const { engagement } = data.examination;
  const type = engagement.reportType === 'type2' ? 'Type 2' : 'Type 1';
  const when = engagement.reportType === 'type2' ? `for ${periodWords(data)}` : `as of ${periodWords(data)}`;
  return `SOC 2 ${type} report on ${engagement.system} ${when}`;
}

/** What takes the place of a name that may not be printed. */
export const WITHHELD = 'a member of staff';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const normal = (name: string) => name.trim().toLowerCase();

/** Every person the data names as owner, approver, editor or verifier: the names a public document must guard. */
function internalNames(data: ReportData): string[] {
  const names = [
    ...data.examination.controls.map((c) => c.owner),
    ...data.responses.flatMap((r) => [r.editedBy, r.approvedBy]),
    ...data.findings.flatMap((f) => [
      f.riskAcceptance?.approver ?? null,
      f.classification.override?.by ?? null,
      ...f.correctiveActions.flatMap((a) => [a.owner, a.verification?.by ?? null]),
    ]),
  ];
  return [...new Set(names.filter((n): n is string => n !== null && n.trim() !== ''))];
}

/**
 * The written forms of a person: the name or address as recorded and, for a first.last address, the name it
 * spells ("jane.doe" and "jane doe"). A single-word local part ("compliance", "cfo") is a role, not a person,
 * and guarding it would blank ordinary words.
 */
function writtenForms(name: string): string[] {
  const forms = [name.trim()];
  const local = name.includes('@') ? name.slice(0, name.indexOf('@')) : null;
  if (local !== null && /^[a-z]+[._][a-z]+$/i.test(local)) forms.push(local, local.replace(/[._]/, ' '));
  return forms;
}

/**
 * A function that makes free text safe to print in a public document: every e-mail address and every written
 * form of an internal person is replaced by WITHHELD, unless the name is one the organisation published.
 */
export function nameGuard(data: ReportData): (text: string) => string {
  const published = new Set(data.publishedNames.map(normal));
  const publishedForms = new Set([...published].flatMap(writtenForms).map(normal));
  const forms = internalNames(data)
    .filter((name) => !published.has(normal(name)))
    .flatMap(writtenForms)
    .filter((form) => !publishedForms.has(normal(form)))
    // Longest first, so an address is replaced whole before its local part is looked for.
    .sort((a, b) => b.length - a.length);
  const pattern = forms.length === 0 ? null : new RegExp(`(?<![\\w.@-])(?:${forms.map(escape).join('|')})(?![\\w@-])`, 'gi');
  return (text) => {
    const named = pattern === null ? text : text.replace(pattern, WITHHELD);
    return named.replace(EMAIL, (address) => (published.has(normal(address)) ? address : WITHHELD));
  };
}
