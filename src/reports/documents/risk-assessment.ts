/**
 * The annual risk assessment: management's risk register as a document (CC3.2, CC9.1, CC9.2). How residual risk is
 * worked out and the level bands, the inherent and residual heat maps, the register by residual risk, the risks that
 * stay high or critical, acceptances (expired ones flagged), reviews overdue, and the risks vendors' reports and
 * findings raised. Every figure is the risk service's own (`RegisterRisk`): the document never re-rates a risk.
 */
import {
  MAX_RATING,
  MIN_RATING,
  MITIGATION_BY_CONCLUSION,
  MITIGATION_WHEN_MONITORING_FAILS,
  RISK_LEVELS,
  compareByResidual,
  heatMapCounts,
  riskLevel,
  words,
  type ControlConclusion,
  type RiskLevel,
} from '../../domain/index.js';
import type { Block, ReportDocument, Section, Tone } from '../document/model.js';
import type { RegisterRisk, ReportData } from './data.js';
import { documentMeta } from './meta.js';
import { counted, dateText, listText, oneLine } from './words.js';

const LEVEL_TONES: Readonly<Record<RiskLevel, Tone>> = { low: 'good', medium: 'neutral', high: 'warning', critical: 'bad' };
/** Residual levels the organisation is expected to act on, or to accept in writing. */
const LEVELS_TO_ACT_ON: ReadonlySet<RiskLevel> = new Set(['high', 'critical']);
const RATINGS = Array.from({ length: MAX_RATING - MIN_RATING + 1 }, (_, i) => MIN_RATING + i);

export function riskAssessment(data: ReportData): ReportDocument {
  const register = orderedByResidual(data.risks ?? []);
  const asOf = dateText(data.generatedAt, data.locale);
  const meta = documentMeta(data, 'Annual risk assessment', { subtitle: `${counted(register.length, 'risk')} in the register as of ${asOf}` });
  if (register.length === 0) {
    const none: Section = { title: 'Risk register', blocks: [{ kind: 'paragraph', tone: 'warning', text: `No risk is recorded in the register of this engagement as of ${asOf}: there is nothing to assess yet.` }] };
    return { meta, sections: [scopeAndMethod(data, register), none] };
  }
  return {
    meta,
    sections: [
      scopeAndMethod(data, register),
      heatMaps(register),
      registerSection(register),
      staysHigh(register),
      acceptances(register, data.locale),
      reviewsOverdue(register, data.locale),
      raisedBy(register),
    ],
  };
}

/** What needs attention first leads (compareByResidual). */
export function orderedByResidual(risks: readonly RegisterRisk[]): RegisterRisk[] {
  return [...risks].sort(compareByResidual);
}

/** "20 (critical)". */
function scoreText(score: { score: number; level: RiskLevel }): string {
  return `${score.score} (${score.level})`;
}

function riskName(risk: RegisterRisk): string {
  return `${risk.code}: ${oneLine(risk.title)}`;
}

/** Alternatives as a sentence gives them: "A", "A or B", "A, B or C". */
function alternatives(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** Each level's scores, from the level rule itself: "10–16". */
export function levelBands(): { level: RiskLevel; scores: string }[] {
  const scores = [...new Set(RATINGS.flatMap((l) => RATINGS.map((i) => l * i)))].sort((a, b) => a - b);
  return RISK_LEVELS.map((level) => {
    const inBand = scores.filter((s) => riskLevel(s) === level);
    return { level, scores: inBand.length === 0 ? 'none' : `${inBand[0]}–${inBand.at(-1)}` };
  });
}

function scopeAndMethod(data: ReportData, register: readonly RegisterRisk[]): Section {
  const { engagement } = data.examination;
  const reduction = (conclusion: ControlConclusion) => MITIGATION_BY_CONCLUSION[conclusion];
  const byReduction = new Map<number, string[]>();
  for (const conclusion of Object.keys(MITIGATION_BY_CONCLUSION) as ControlConclusion[]) {
    byReduction.set(reduction(conclusion), [...(byReduction.get(reduction(conclusion)) ?? []), words(conclusion)]);
  }
  const mitigation = [...byReduction]
    .sort(([a], [b]) => b - a)
    .map(([levels, conclusions]) => `a control concluded ${alternatives(conclusions.map((c) => `"${c}"`))} ${levels === 0 ? 'does not lower it' : `lowers it ${counted(levels, 'level')}`}`);
  return {
    title: 'Scope and method',
    blocks: [
      {
        kind: 'paragraph',
        tone: null,
        text: `This assessment covers the risks management recorded in the register of ${engagement.organization}'s ${engagement.system}, each tied to the controls that mitigate it. Residual risk is not rated by hand: it follows from what testing and monitoring found of those controls.`,
      },
      {
        kind: 'facts',
        items: [
          { label: 'Risks in the register', value: String(register.length) },
          ...RISK_LEVELS.toReversed().map((level) => ({ label: `Residual ${level}`, value: String(register.filter((r) => r.assessment.residual.level === level).length) })),
          { label: 'As of', value: dateText(data.generatedAt, data.locale) },
        ],
      },
      { kind: 'heading', text: 'How residual risk is worked out' },
      {
        kind: 'list',
        ordered: true,
        items: [
          `Each risk's likelihood and impact are rated ${MIN_RATING} to ${MAX_RATING} before any control; the inherent score is likelihood × impact.`,
          `Each linked control lowers the likelihood by its current conclusion: ${listText(mitigation)}.`,
          `A control whose latest monitoring run failed lowers it ${counted(MITIGATION_WHEN_MONITORING_FAILS, 'level')} at most.`,
          `Controls do not add up: the strongest linked control decides, and the likelihood never falls below ${MIN_RATING}.`,
          'Controls do not change the impact; only a transferred risk (insurance, a contract) has its impact lowered 1 level.',
        ],
      },
      { kind: 'heading', text: 'Levels' },
      { kind: 'table', title: null, columns: ['Level', 'Scores'], rows: levelBands().map((b) => [b.level, b.scores]) },
    ],
  };
}

/** The 5×5 matrix with the count of risks in each cell: likelihood down (highest first), impact across. */
export function heatMap(register: readonly RegisterRisk[], which: 'inherent' | 'residual'): Block {
  const count = heatMapCounts(register, which);
  return {
    kind: 'table',
    title: `${which === 'inherent' ? 'Inherent' : 'Residual'} risk: risks per likelihood and impact`,
    columns: ['Likelihood', ...RATINGS.map((impact) => `Impact ${impact}`)],
    rows: RATINGS.toReversed().map((likelihood) => [String(likelihood), ...RATINGS.map((impact) => String(count(likelihood, impact)))]),
  };
}

function heatMaps(register: readonly RegisterRisk[]): Section {
  const perLevel = (which: 'inherent' | 'residual', level: RiskLevel) => register.filter((r) => r.assessment[which].level === level).length;
  return {
    title: 'Heat maps',
    blocks: [
      {
        kind: 'paragraph',
        tone: null,
        text: 'Each cell counts the risks rated at that likelihood and impact, before controls (inherent) and after them (residual). A cell scoring 20 or more is critical; see the levels in Scope and method.',
      },
      heatMap(register, 'inherent'),
      heatMap(register, 'residual'),
      {
        kind: 'chart',
        chart: {
          type: 'bar',
          title: 'Risks per level, inherent and residual',
          unit: null,
          max: null,
          bars: RISK_LEVELS.toReversed().flatMap((level) =>
            (['inherent', 'residual'] as const).map((which) => ({ label: `${level}, ${which}`, value: perLevel(which, level), tone: LEVEL_TONES[level] })),
          ),
        },
      },
    ],
  };
}

function registerSection(register: readonly RegisterRisk[]): Section {
  return {
    title: 'Risk register',
    blocks: [
      { kind: 'paragraph', tone: null, text: 'Every risk, the highest residual score first; why each residual risk is what it is, in the words of the rule.' },
      {
        kind: 'table',
        title: null,
        columns: ['Risk', 'Owner', 'Treatment', 'Inherent', 'Residual', 'Why'],
        rows: register.map((r) => [riskName(r), r.owner, r.treatment, scoreText(r.assessment.inherent), scoreText(r.assessment.residual), `${r.assessment.reasons.map(oneLine).join('. ')}.`]),
      },
    ],
  };
}

function staysHigh(register: readonly RegisterRisk[]): Section {
  const high = register.filter((r) => LEVELS_TO_ACT_ON.has(r.assessment.residual.level));
  const title = 'Residual risk high or critical';
  if (high.length === 0) return { title, blocks: [{ kind: 'paragraph', tone: 'good', text: 'No risk stays high or critical once its controls are counted.' }] };
  return {
    title,
    blocks: [
      { kind: 'paragraph', tone: 'bad', text: `${counted(high.length, 'risk')} ${high.length === 1 ? 'stays' : 'stay'} high or critical once ${high.length === 1 ? 'its' : 'their'} controls are counted: ${listText(high.map((r) => r.code))}.` },
      {
        kind: 'table',
        title: null,
        columns: ['Risk', 'Residual', 'Treatment', 'Owner', 'Controls'],
        rows: high.map((r) => [riskName(r), scoreText(r.assessment.residual), r.treatment, r.owner, r.controls.length === 0 ? 'none linked' : listText(r.controls)]),
      },
    ],
  };
}

function acceptances(register: readonly RegisterRisk[], locale: string): Section {
  const accepted = register.filter((r) => r.treatment === 'accept' || r.acceptance !== null);
  const title = 'Accepted risks';
  if (accepted.length === 0) return { title, blocks: [{ kind: 'paragraph', tone: 'neutral', text: 'No risk is accepted.' }] };
  const lapsed = accepted.filter((r) => r.flags.includes('acceptance_expired') || r.flags.includes('acceptance_missing'));
  const status = (r: RegisterRisk) => (r.flags.includes('acceptance_missing') ? 'ACCEPTANCE MISSING' : r.flags.includes('acceptance_expired') ? 'EXPIRED' : 'current');
  return {
    title,
    blocks: [
      lapsed.length === 0
        ? { kind: 'paragraph', tone: 'good', text: 'Every acceptance is on record and current.' }
        : { kind: 'paragraph', tone: 'bad', text: `To be decided again (acceptance expired or not on record): ${listText(lapsed.map((r) => r.code))}.` },
      {
        kind: 'table',
        title: null,
        columns: ['Risk', 'Residual', 'Approver', 'Reason', 'Expires', 'Acceptance'],
        rows: accepted.map((r) => [
          riskName(r),
          scoreText(r.assessment.residual),
          r.acceptance?.approver ?? 'none',
          r.acceptance === null ? 'none' : oneLine(r.acceptance.reason),
          r.acceptance === null ? 'none' : dateText(r.acceptance.expiresOn, locale),
          status(r),
        ]),
      },
    ],
  };
}

function reviewsOverdue(register: readonly RegisterRisk[], locale: string): Section {
  const overdue = register.filter((r) => r.flags.includes('review_overdue'));
  const title = 'Reviews overdue';
  if (overdue.length === 0) return { title, blocks: [{ kind: 'paragraph', tone: 'good', text: 'No risk review is overdue.' }] };
  return {
    title,
    blocks: [
      { kind: 'paragraph', tone: 'warning', text: `${counted(overdue.length, 'risk')} passed ${overdue.length === 1 ? 'its' : 'their'} next review date: ${listText(overdue.map((r) => r.code))}.` },
      {
        kind: 'table',
        title: null,
        columns: ['Risk', 'Owner', 'Last reviewed', 'Review due'],
        rows: overdue.map((r) => [riskName(r), r.owner, r.lastReviewedOn === null ? 'never' : dateText(r.lastReviewedOn, locale), dateText(r.nextReviewOn ?? '', locale)]),
      },
    ],
  };
}

function raisedBy(register: readonly RegisterRisk[]): Section {
  const byFindings = register.filter((r) => r.findings.length > 0);
  return {
    title: 'Risks raised by vendor reports and findings',
    blocks: [
      { kind: 'heading', text: "Raised by vendors' SOC 2 reports" },
      tableOr(
        ['Risk', 'Vendor', 'Why', 'Residual'],
        register.flatMap((r) => (r.raisedBy === null ? [] : [[riskName(r), r.raisedBy.vendor, words(r.raisedBy.reason), scoreText(r.assessment.residual)]])),
        "No vendor's report raised a risk.",
      ),
      { kind: 'heading', text: 'Linked to findings' },
      tableOr(['Risk', 'Findings', 'Residual'], byFindings.map((r) => [riskName(r), listText(r.findings), scoreText(r.assessment.residual)]), 'No risk is linked to a finding.'),
    ],
  };
}

/** The rows as a table, or the statement that there are none. */
function tableOr(columns: string[], rows: string[][], none: string): Block {
  return rows.length === 0 ? { kind: 'paragraph', tone: 'neutral', text: none } : { kind: 'table', title: null, columns, rows };
}
