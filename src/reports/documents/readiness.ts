/**
 * The readiness assessment: where the engagement stands before the audit, and what to do first. Per criterion met
 * or not and the engine's reasons, the controls missing, untested or failing, the evidence occurrences missing, and
 * the action list in the engine's order (`readinessPlan`: what most improves the forecast opinion first).
 */
import { findCriterion, readinessBySeries, readinessPlan, words, type ReadinessAction, type ReadinessActionKind } from '../../domain/index.js';
import type { Block, ReportDocument, Section } from '../document/model.js';
import type { ReportData } from './data.js';
import { examinedWithCoverage } from './examined.js';
import { documentMeta } from './meta.js';
import { seriesChart } from './series-chart.js';
import { anOpinion, counted, listText, oneLine, shareText } from './words.js';

const ACTION_VERBS: Record<ReadinessActionKind, string> = {
  add_control: 'Add a control addressing',
  redesign_control: 'Redesign control',
  remediate_control: 'Remediate and retest control',
  test_control: 'Test control',
};

export function readinessAssessment(data: ReportData): ReportDocument {
  // The what-ifs start from the examination the result was formed from, missing evidence occurrences included.
  const plan = readinessPlan(examinedWithCoverage(data));
  return {
    meta: documentMeta(data, 'Readiness assessment', { subtitle: `Forecast today: ${anOpinion(plan.opinion)}` }),
    sections: [summary(data, plan.actions), bySeries(data), actionList(data, plan.actions), criteria(data), controlGaps(data), evidenceGaps(data)],
  };
}

/** "Remediate and retest control AC-04 (not effective)", "Add a control addressing CC6.4 (Physical access restricted)". */
export function actionText(action: ReadinessAction): string {
  const about = action.conclusion === null ? (findCriterion(action.subject)?.title ?? '') : words(action.conclusion);
  return `${ACTION_VERBS[action.kind]} ${action.subject}${about === '' ? '' : ` (${about})`}`;
}

function summary(data: ReportData, actions: readonly ReadinessAction[]): Section {
  const { result } = data;
  const count = (status: string) => result.criteria.filter((c) => c.status === status).length;
  const controls = (conclusion: string) => result.controls.filter((c) => c.conclusion === conclusion).length;
  const missing = data.coverage.reduce((n, c) => n + c.missing.length, 0);
  const [first] = actions;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      tone: result.opinion.overall === 'unmodified' ? 'good' : 'bad',
      text: `Were the engagement examined today, the forecast would be ${anOpinion(result.opinion.overall)}.`,
    },
    {
      kind: 'facts',
      items: [
        { label: 'Criteria in scope', value: String(result.criteria.length - count('not_applicable')) },
        { label: 'Met', value: String(count('met')) },
        { label: 'Met with exceptions', value: String(count('met_with_exceptions')) },
        { label: 'Not met', value: String(count('not_met')) },
        { label: 'Unable to conclude', value: String(count('unable_to_conclude')) },
        { label: 'Controls effective', value: String(controls('effective')) },
        { label: 'Controls with exceptions', value: String(controls('effective_with_exceptions')) },
        { label: 'Controls failing', value: String(controls('not_effective') + controls('design_deficiency')) },
        // A Type 1 report tests no operation and owes no occurrence over a period.
        ...(result.reportType === 'type2'
          ? [
              { label: 'Controls not tested', value: String(controls('not_tested')) },
              { label: 'Evidence occurrences missing', value: String(missing) },
            ]
          : []),
      ],
    },
    { kind: 'list', ordered: false, items: result.opinion.basis },
  ];
  if (first) {
    blocks.push({ kind: 'paragraph', tone: null, text: `First action: ${actionText(first)}. ${effectText(first)}` });
  } else {
    blocks.push({ kind: 'paragraph', tone: 'good', text: 'No gap found: every control is effective and every criterion in scope is addressed.' });
  }
  return { title: 'Summary', blocks };
}

/** What an action leads to, in words: "The forecast becomes an unmodified opinion; it restores CC6.1 and CC6.2." */
function effectText(action: ReadinessAction): string {
  const restores = action.restores.length === 0 ? 'it restores no criterion on its own' : `it restores ${listText(action.restores)}`;
  return `The forecast becomes ${anOpinion(action.opinion)}; ${restores}.`;
}

function bySeries(data: ReportData): Section {
  return {
    title: 'Readiness per series',
    blocks: [
      seriesChart('Share of in-scope criteria met', data.result.criteria),
      {
        kind: 'table',
        title: null,
        columns: ['Series', 'Criteria in scope', 'Met', 'Share met'],
        rows: readinessBySeries(data.result.criteria).map((s) => [s.series, String(s.inScope), String(s.met), shareText(s.share)]),
      },
    ],
  };
}

function actionList(data: ReportData, actions: readonly ReadinessAction[]): Section {
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      tone: null,
      text: `Each action on its own, with the forecast once it is done, best first: the least severe opinion it leads to, then the most criteria it restores. The forecast today is ${anOpinion(data.result.opinion.overall)}.`,
    },
  ];
  if (actions.length === 0) blocks.push({ kind: 'paragraph', tone: 'good', text: 'Nothing to do: no gap was found.' });
  else {
    blocks.push({
      kind: 'table',
      title: null,
      columns: ['#', 'Action', 'Forecast once done', 'Criteria restored'],
      rows: actions.map((a, i) => [String(i + 1), actionText(a), a.opinion, a.restores.length === 0 ? 'none' : listText(a.restores)]),
    });
  }
  return { title: 'Action list', blocks };
}

function criteria(data: ReportData): Section {
  return {
    title: 'Criteria',
    blocks: [
      {
        kind: 'table',
        title: null,
        columns: ['Criterion', 'Title', 'Status', 'Why'],
        rows: data.result.criteria.map((c) => [c.id, c.title, words(c.status), c.reasons.map(oneLine).join(' ')]),
      },
    ],
  };
}

function controlGaps(data: ReportData): Section {
  const { result } = data;
  const unaddressed = result.criteria.filter((c) => c.status !== 'not_applicable' && c.controls.length === 0);
  const untested = result.controls.filter((c) => c.conclusion === 'not_tested');
  const failing = result.controls.filter((c) => c.conclusion === 'not_effective' || c.conclusion === 'design_deficiency' || c.conclusion === 'effective_with_exceptions');
  const blocks: Block[] = [
    { kind: 'heading', text: 'Controls missing' },
    unaddressed.length === 0
      ? { kind: 'paragraph', tone: 'good', text: 'Every criterion in scope is addressed by a control.' }
      : { kind: 'list', ordered: false, items: unaddressed.map((c) => `${c.id} (${c.title}): no control addresses it.`) },
    ...(result.reportType === 'type1'
      ? []
      : [
          { kind: 'heading', text: 'Controls not tested' } as const,
          untested.length === 0
            ? ({ kind: 'paragraph', tone: 'good', text: 'Every control has been tested.' } as const)
            : ({ kind: 'list', ordered: false, items: untested.map((c) => `${c.id} (${oneLine(c.title)}): ${c.reasons.map(oneLine).join(' ')}`) } as const),
        ]),
    { kind: 'heading', text: 'Controls failing or with exceptions' },
    failing.length === 0
      ? { kind: 'paragraph', tone: 'good', text: 'No control failed or showed an exception.' }
      : {
          kind: 'table',
          title: null,
          columns: ['Control', 'Conclusion', 'Why'],
          rows: failing.map((c) => [`${c.id}: ${oneLine(c.title)}`, words(c.conclusion), c.reasons.map(oneLine).join(' ')]),
        },
  ];
  return { title: result.reportType === 'type1' ? 'Controls missing or failing' : 'Controls missing, untested or failing', blocks };
}

function evidenceGaps(data: ReportData): Section {
  if (data.result.reportType === 'type1') {
    return {
      title: 'Evidence occurrences missing',
      blocks: [{ kind: 'paragraph', tone: 'neutral', text: 'A Type 1 report is as of a date: no occurrence over a period is owed.' }],
    };
  }
  const gaps = data.coverage.filter((c) => c.missing.length > 0);
  const tracked = data.coverage.some((c) => c.tracked);
  const blocks: Block[] = [];
  if (gaps.length > 0) {
    blocks.push({
      kind: 'table',
      title: null,
      columns: ['Control', 'Occurrences missing', 'Which'],
      rows: gaps.map((c) => [c.control, String(c.missing.length), listText(c.missing)]),
    });
  } else {
    blocks.push({
      kind: 'paragraph',
      tone: tracked ? 'good' : 'neutral',
      text: tracked
        ? 'Every occurrence the period requires of a tracked control is evidenced.'
        : 'No evidence states the period it covers yet, so no occurrence is counted as missing.',
    });
  }
  const untracked = data.coverage.filter((c) => c.periodic && !c.tracked).map((c) => c.control);
  if (tracked && untracked.length > 0) {
    blocks.push({ kind: 'paragraph', tone: 'neutral', text: `Not tracked yet (no evidence states its period): ${counted(untracked.length, 'control')}, ${listText(untracked)}.` });
  }
  return { title: 'Evidence occurrences missing', blocks };
}
