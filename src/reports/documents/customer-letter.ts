/**
 * The letter to customers on the report's exceptions: each one in plain words (how many occasions deviated, how
 * serious it is, why it happened), what was done about it with dates, and what the retest found. An exception is
 * a deficiency of the examination, unless its finding was closed as a false positive; one the findings do not
 * follow up yet is still told, as not yet followed up, so the letter never says less than the report. It names
 * no internal person unless the organisation published the name (letter-words.ts `nameGuard`).
 */
import {
  actionStanding,
  effectiveSeverity,
  findingCodeOf,
  type ControlResult,
  type CorrectiveAction,
  type Deficiency,
  type Finding,
} from '../../domain/index.js';
import { counted } from '../../domain/words.js';
import type { Block, ReportDocument, Section } from '../document/model.js';
import type { ReportData } from './data.js';
import {
  CAUSE_CATEGORY_WORDS,
  deviationSentence,
  longDate,
  nameGuard,
  OPINION_WORDS,
  PROGRESS_WORDS,
  reportWords,
  retestSentence,
  SEVERITY_WORDS,
} from './letter-words.js';
import { documentMeta } from './meta.js';

/** The most deviation notes the letter quotes for one exception: enough to show their nature, not a workpaper. */
const MAX_QUOTED_DEVIATIONS = 5;

/** One exception of the report with its follow-up (null when no finding follows it up yet). */
export interface ReportedException {
  deficiency: Deficiency;
  finding: Finding | null;
}

/** The report's exceptions in the report's order: its deficiencies, less those whose finding is a false positive. */
export function reportedExceptions(data: ReportData): ReportedException[] {
  const findings = new Map(data.findings.map((f) => [f.code, f]));
  return data.result.deficiencies
    .map((deficiency) => ({ deficiency, finding: findings.get(findingCodeOf(deficiency)) ?? null }))
    .filter((e) => e.finding?.status !== 'false_positive');
}

export function customerLetter(data: ReportData): ReportDocument {
  const guard = nameGuard(data);
  const exceptions = reportedExceptions(data);
  const { organization } = data.examination.engagement;
  const today = data.generatedAt.slice(0, 10);
  const opening: Block[] = [
    { kind: 'paragraph', text: 'Dear customer,', tone: null },
    {
      kind: 'paragraph',
      text: `${organization} has received its ${reportWords(data)}. ${OPINION_WORDS[data.result.opinion.overall]}`,
      tone: null,
    },
  ];
  const matters = otherMatters(data, guard);
  if (matters.length > 0) {
    opening.push(
      { kind: 'paragraph', text: 'Besides any exception in the tests of controls, the opinion rests on these matters:', tone: null },
      { kind: 'list', items: matters, ordered: false },
    );
  }
  const closing: Block[] = [
    { kind: 'paragraph', text: 'If you have questions about this letter or the report, please contact us through your usual contact.', tone: null },
    { kind: 'paragraph', text: `Management of ${organization}, ${longDate(today, data.locale)}`, tone: null },
  ];
  if (exceptions.length === 0) {
    return {
      meta: documentMeta(data, 'Letter to customers', { subtitle: 'The report carries no exceptions' }),
      sections: [
        {
          title: 'Letter to customers',
          blocks: [
            ...opening,
            { kind: 'paragraph', text: 'The report carries no exceptions: every control the service auditor tested operated as described on every occasion tested.', tone: 'good' },
            ...closing,
          ],
        },
      ],
    };
  }

  const letter: Section = {
    title: 'Letter to customers',
    blocks: [
      ...opening,
      {
        kind: 'paragraph',
        text: `The report describes ${counted(exceptions.length, 'exception')}. This letter explains each in plain words: what happened, how serious it is, why it happened, what we have done about it, and how the fix was checked; the pages after this letter give the detail.`,
        tone: null,
      },
      {
        kind: 'table',
        title: 'The exceptions at a glance',
        columns: ['Exception', 'Criteria', 'Seriousness', 'Where it stands'],
        rows: exceptions.map((e, i) => [
          `${i + 1}. ${guard(subjectOf(e, data))}`,
          e.deficiency.criteria.join(', '),
          seriousnessOf(e).level,
          progressOf(e.finding, data.locale),
        ]),
      },
      ...closing,
    ],
  };
  const detail: Section = {
    title: 'The exceptions in detail',
    blocks: exceptions.flatMap((e, i) => exceptionBlocks(e, i + 1, data, guard, today)),
  };
  return {
    meta: documentMeta(data, 'Letter to customers', { subtitle: `On the ${counted(exceptions.length, 'exception')} in the report` }),
    sections: [letter, detail],
  };
}

/**
 * What modifies the opinion without being an exception of a test: a misstated description, and criteria the
 * auditor could not conclude on for want of evidence (no deficiency stands for those).
 */
function otherMatters(data: ReportData, guard: (text: string) => string): string[] {
  const misstated = data.examination.engagement.misstatements.map((m) => `The description of the system was misstated: ${guard(m.text.trim().replace(/\.$/, ''))}.`);
  const unable = data.result.criteria.filter((c) => c.status === 'unable_to_conclude').map((c) => c.id);
  return [
    ...misstated,
    ...(unable.length > 0 ? [`The service auditor could not conclude on ${unable.length === 1 ? 'criterion' : 'criteria'} ${unable.join(', ')}, because the evidence needed was not available.`] : []),
  ];
}

function controlOf(e: ReportedException, data: ReportData): ControlResult | undefined {
  return e.deficiency.control === null ? undefined : data.result.controls.find((c) => c.id === e.deficiency.control);
}

/** What the exception is about: the control's own title, or the criteria no control addressed. */
function subjectOf(e: ReportedException, data: ReportData): string {
  const control = controlOf(e, data);
  return control ? control.title : `No control addressed ${e.deficiency.criteria.join(', ')}`;
}

function seriousnessOf(e: ReportedException): { level: string; meaning: string } {
  return SEVERITY_WORDS[e.finding ? effectiveSeverity(e.finding.classification) : e.deficiency.severity];
}

function progressOf(finding: Finding | null, locale: string): string {
  if (finding === null) return 'follow-up not recorded yet';
  if (finding.status === 'false_positive') return '';
  const words = PROGRESS_WORDS[finding.status];
  const expires = finding.status === 'risk_accepted' ? finding.riskAcceptance?.expires : undefined;
  return expires ? `${words} until ${longDate(expires, locale)}` : words;
}

/** What happened, in plain words: the share of occasions that deviated, or what the design lacked. */
function whatHappened(e: ReportedException, data: ReportData): string {
  const control = controlOf(e, data);
  if (!control) return `No control addressed criteria ${e.deficiency.criteria.join(', ')} during the period.`;
  if (control.conclusion === 'design_deficiency') return 'As designed, the control could not meet its objective, whether or not it operated.';
  const test = data.examination.tests.find((t) => t.control === control.id);
  const frequency = data.examination.controls.find((c) => c.id === control.id)?.frequency ?? 'event';
  if (control.deviations === null || control.sampleSize === null || !test) return 'The control did not operate as described.';
  const whole = control.populationSize !== null && control.sampleSize >= control.populationSize;
  return deviationSentence(control.deviations, control.sampleSize, whole, frequency, test.method);
}

function exceptionBlocks(e: ReportedException, n: number, data: ReportData, guard: (text: string) => string, today: string): Block[] {
  const { finding } = e;
  const frequency = data.examination.controls.find((c) => c.id === e.deficiency.control)?.frequency ?? 'event';
  const rootCause = finding?.rootCause ? data.rootCauses.find((r) => r.id === finding.rootCause) : undefined;
  const notes = [...new Set((finding?.failedSamples ?? []).flatMap((s) => (s.note ? [guard(s.note)] : [])))];
  const quoted = notes.slice(0, MAX_QUOTED_DEVIATIONS);
  if (notes.length > quoted.length) quoted.push(`and ${counted(notes.length - quoted.length, 'other deviation')} of the same kind`);

  const blocks: Block[] = [
    { kind: 'heading', text: `${n}. ${guard(subjectOf(e, data))}` },
    { kind: 'paragraph', text: whatHappened(e, data), tone: null },
  ];
  if (quoted.length > 0) blocks.push({ kind: 'list', items: quoted, ordered: false });
  blocks.push({
    kind: 'facts',
    items: [
      { label: 'Criteria affected', value: e.deficiency.criteria.join(', ') },
      { label: 'How serious', value: `${seriousnessOf(e).level}: ${seriousnessOf(e).meaning}` },
      {
        label: 'Why it happened',
        value: rootCause
          ? `${guard(rootCause.title.trim().replace(/\.$/, ''))}. The cause lies in ${CAUSE_CATEGORY_WORDS[rootCause.category]}.`
          : 'The cause is still being analysed.',
      },
      { label: 'Where it stands', value: progressOf(finding, data.locale) },
    ],
  });
  const actions = finding?.correctiveActions ?? [];
  if (actions.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'Corrective actions are being planned.', tone: 'warning' });
  } else {
    blocks.push({
      kind: 'table',
      title: 'What we are doing about it',
      columns: ['Corrective action', 'Status', 'Date'],
      rows: actions.map((a) => actionRow(a, guard, data.locale, today)),
    });
  }
  const retests = finding?.retests ?? [];
  blocks.push(
    retests.length === 0
      ? { kind: 'paragraph', text: 'No retest has been performed yet.', tone: null }
      : { kind: 'list', items: retests.map((r) => retestSentence(r, frequency, data.locale)), ordered: false },
  );
  if (finding?.status === 'risk_accepted' && finding.riskAcceptance) {
    blocks.push({
      kind: 'paragraph',
      text: `Management has accepted the remaining risk until ${longDate(finding.riskAcceptance.expires, data.locale)}: ${guard(finding.riskAcceptance.reason)}`,
      tone: 'warning',
    });
  }
  return blocks;
}

/** An action's row: its title, where it stands (done, and checked; or late) and its date; never its owner. */
function actionRow(action: CorrectiveAction, guard: (text: string) => string, locale: string, today: string): string[] {
  const standing = actionStanding(action, today, 0);
  const verification = action.verification?.result
    ? `; checked ${action.verification.result === 'effective' ? 'effective' : 'not effective'}${action.verification.on ? ` on ${longDate(action.verification.on, locale)}` : ''}`
    : '';
  const planned = action.status === 'in_progress' ? 'In progress' : 'Planned';
  switch (standing.state) {
    case 'done':
      return [guard(action.title), `Done${verification}`, action.completedOn ? `Completed ${longDate(action.completedOn, locale)}` : 'Completed'];
    case 'undated':
      return [guard(action.title), planned, 'Date to be set'];
    default:
      return [guard(action.title), standing.state === 'overdue' ? `${planned}, overdue` : planned, `Due ${longDate(action.due as string, locale)}`];
  }
}
