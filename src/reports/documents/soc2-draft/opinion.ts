/**
 * The service auditor's report (the forecast opinion) and management's assertion. Both are written from the one
 * list of matters the engine's result gives, so the assertion always carries the same modification as the opinion
 * (reference §2): a qualified opinion's matters are the assertion's exceptions, an adverse one's its denials.
 */
import { words, type ControlResult, type Deficiency, type ExaminationResult, type OpinionKind } from '../../../domain/index.js';
import type { Block, Section } from '../../document/model.js';
import type { ReportData } from '../data.js';
import { dateText, deviationsText, listText, oneLine, periodPhrase } from '../words.js';

/** The three things a SOC 2 opinion speaks to; operating effectiveness only in a Type 2 report. */
type Subject = 'description' | 'design' | 'operatingEffectiveness';

const HEADINGS: Record<OpinionKind, string> = {
  unmodified: 'Opinion',
  qualified: 'Qualified opinion',
  adverse: 'Adverse opinion',
  disclaimer: 'Disclaimer of opinion',
};

/** The criteria behind a modification: not met, or that the evidence could not support. */
export function failingCriteria(result: ExaminationResult): string[] {
  return result.criteria.filter((c) => c.status === 'not_met' || c.status === 'unable_to_conclude').map((c) => c.id);
}

/**
 * Each matter behind a modified opinion, naming its criteria and controls: the description's misstatements, each
 * deficiency that leaves a criterion not met, and the criteria the evidence could not support.
 */
export function modificationMatters(data: ReportData): string[] {
  const { examination, result } = data;
  const controls = new Map(result.controls.map((c) => [c.id, c]));
  const matters = examination.engagement.misstatements.map(
    (m) => `The description is ${m.pervasive ? 'pervasively ' : ''}misstated: ${oneLine(m.text)}`.replace(/\.?$/, '.'),
  );
  for (const deficiency of result.deficiencies.filter((d) => d.criteriaNotMet.length > 0)) {
    matters.push(deficiencyMatter(deficiency, deficiency.control === null ? undefined : controls.get(deficiency.control), data));
  }
  const unable = result.criteria.filter((c) => c.status === 'unable_to_conclude');
  if (unable.length > 0) {
    const untested = [...new Set(unable.flatMap((c) => c.controls.filter((id) => controls.get(id)?.conclusion === 'not_tested')))];
    const limitations = untested.flatMap((id) => {
      const limitation = examination.tests.find((t) => t.control === id)?.scopeLimitation;
      return limitation ? [`${id}: ${oneLine(limitation)}`] : [];
    });
    matters.push(
      `Sufficient evidence could not be obtained about the operation of ${listText(untested)}, so no conclusion could be reached on ${criteriaPhrase(unable.map((c) => c.id))}.` +
        (limitations.length > 0 ? ` ${limitations.join('; ')}.` : ''),
    );
  }
  return matters;
}

function deficiencyMatter(deficiency: Deficiency, control: ControlResult | undefined, data: ReportData): string {
  const notMet = `${criteriaPhrase(deficiency.criteriaNotMet)} ${deficiency.criteriaNotMet.length === 1 ? 'was' : 'were'} not met`;
  if (!control) return `No control addresses ${criteriaPhrase(deficiency.criteria)}: ${notMet}.`;
  const named = `Control ${control.id} (${oneLine(control.title)})`;
  if (deficiency.kind === 'design') return `${named} was not suitably designed: ${notMet}.`;
  const samples = data.examination.tests.find((t) => t.control === control.id)?.samples ?? [];
  return `${named} did not operate effectively; ${deviationsText(samples)} As a result, ${notMet}.`;
}

/** ", concerning criteria A and B", or nothing when the modification concerns the description only. */
function concerning(ids: readonly string[]): string {
  return ids.length === 0 ? '' : `, concerning ${criteriaPhrase(ids)}`;
}

function criteriaPhrase(ids: readonly string[]): string {
  return `${ids.length === 1 ? 'criterion' : 'criteria'} ${listText(ids)}`;
}

/** What the opinion and the assertion speak to, in the report's order (Type 1: no operating effectiveness). */
function subjectsOf(result: ExaminationResult): Subject[] {
  return result.reportType === 'type2' ? ['description', 'design', 'operatingEffectiveness'] : ['description', 'design'];
}

/** Each subject as a statement, affirmed or denied. */
function statement(subject: Subject, data: ReportData, affirmed: boolean): string {
  const { engagement } = data.examination;
  const period = periodPhrase(engagement, data.locale);
  const assurance = `to provide reasonable assurance that ${engagement.organization}'s service commitments and system requirements were achieved based on the applicable trust services criteria`;
  switch (subject) {
    case 'description':
      return `the description ${affirmed ? 'presents' : 'does not present'} ${engagement.system} as designed and implemented ${period}, in accordance with the description criteria`;
    case 'design':
      return `the controls stated in the description ${affirmed ? 'were' : 'were not'} suitably designed ${period} ${assurance}`;
    case 'operatingEffectiveness':
      return `the controls stated in the description ${affirmed ? 'operated' : 'did not operate'} effectively ${period} ${assurance}`;
  }
}

/**
 * The subjects as one lettered list, "(a) …; (b) …; and (c) …". Beside an adverse opinion (`adverse`), each subject
 * is stated by its own forecast: denied where adverse, affirmed except for its matters where qualified.
 */
function statements(data: ReportData, adverse: boolean): string {
  const { subjects } = data.result.opinion;
  const stated = (s: Subject) => {
    if (!adverse || subjects[s] === 'unmodified') return statement(s, data, true);
    return subjects[s] === 'adverse' ? statement(s, data, false) : `except for the matters described that concern it, ${statement(s, data, true)}`;
  };
  const lettered = subjectsOf(data.result).map((s, i) => `(${'abc'.charAt(i)}) ${stated(s)}`);
  return `${lettered.slice(0, -1).join('; ')}; and ${lettered[lettered.length - 1] ?? ''}`;
}

/** The independent service auditor's report: scope, the basis for a modification, and the forecast opinion. */
export function auditorReport(data: ReportData): Section {
  const { result } = data;
  const { engagement } = data.examination;
  const kind = result.opinion.overall;
  const failing = failingCriteria(result);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      tone: 'warning',
      text: `Draft for the service auditor. This report is Assay's forecast of the service auditor's report, written from the engagement's data on ${dateText(data.generatedAt, data.locale)}; it is not the service auditor's opinion, which only the service auditor can give.`,
    },
    { kind: 'facts', items: opinionFacts(result) },
    { kind: 'heading', text: 'Scope' },
    {
      kind: 'paragraph',
      tone: null,
      text:
        `The examination covers ${engagement.organization}'s description of ${engagement.system} ${periodPhrase(engagement, data.locale)} and ` +
        (result.reportType === 'type2'
          ? 'the suitability of the design and the operating effectiveness of the controls stated in it.'
          : 'the suitability of the design of the controls stated in it.'),
    },
  ];
  if (kind !== 'unmodified') {
    blocks.push(
      { kind: 'heading', text: `Basis for ${HEADINGS[kind].toLowerCase()}` },
      ...modificationMatters(data).map((text): Block => ({ kind: 'paragraph', tone: 'bad', text })),
      { kind: 'list', ordered: false, items: result.opinion.basis },
    );
  }
  blocks.push({ kind: 'heading', text: HEADINGS[kind] }, { kind: 'paragraph', tone: kind === 'unmodified' ? 'good' : 'bad', text: opinionText(data, failing) });
  return { title: "Independent service auditor's report", blocks };
}

function opinionFacts(result: ExaminationResult): { label: string; value: string }[] {
  const { subjects } = result.opinion;
  return [
    { label: 'Forecast opinion', value: capitalised(words(result.opinion.overall)) },
    { label: 'Description', value: subjects.description },
    { label: 'Suitability of design', value: subjects.design },
    ...(subjects.operatingEffectiveness === null ? [] : [{ label: 'Operating effectiveness', value: subjects.operatingEffectiveness }]),
  ];
}

function opinionText(data: ReportData, failing: readonly string[]): string {
  const kind = data.result.opinion.overall;
  const named = failing.length === 0 ? '' : ` (${criteriaPhrase(failing)})`;
  switch (kind) {
    case 'unmodified':
      return `In our opinion, in all material respects, ${statements(data, false)}.`;
    case 'qualified':
      return `In our opinion, except for the effects of the matters described in the basis for qualified opinion${named}, in all material respects, ${statements(data, false)}.`;
    case 'adverse':
      return `In our opinion, because of the significance and pervasiveness of the matters described in the basis for adverse opinion${named}, ${statements(data, true)}.`;
    case 'disclaimer':
      return `Because of the significance of the matters described in the basis for disclaimer of opinion${named}, sufficient appropriate evidence could not be obtained to provide a basis for an opinion. Accordingly, no opinion is expressed.`;
  }
}

/** Management's assertion, with the same modification as the forecast opinion and the same matters. */
export function managementAssertion(data: ReportData): Section {
  const { engagement } = data.examination;
  const kind = data.result.opinion.overall;
  const intro = `We have prepared the description of ${engagement.system} ${periodPhrase(engagement, data.locale)}, based on the description criteria, for customers and their auditors who need to understand the system and the controls over it.`;
  const blocks: Block[] = [{ kind: 'paragraph', tone: null, text: intro }];
  if (kind === 'unmodified') {
    blocks.push({ kind: 'paragraph', tone: null, text: `We confirm, to the best of our knowledge and belief, that ${statements(data, false)}.` });
    return { title: "Management's assertion", blocks };
  }
  const lead =
    kind === 'adverse'
      ? `We confirm, to the best of our knowledge and belief, that, because of the matters described below, ${statements(data, true)}.`
      : `We confirm, to the best of our knowledge and belief, that, except for the matters described below, ${statements(data, false)}.`;
  blocks.push(
    { kind: 'paragraph', tone: null, text: lead },
    {
      kind: 'paragraph',
      tone: 'bad',
      text: `This assertion carries the same modification as the forecast ${HEADINGS[kind].toLowerCase()}${concerning(failingCriteria(data.result))}:`,
    },
    { kind: 'list', ordered: false, items: modificationMatters(data) },
  );
  return { title: "Management's assertion", blocks };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
