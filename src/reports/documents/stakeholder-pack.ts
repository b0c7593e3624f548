/**
 * The stakeholder pack: where the programme stands and where it is going, for a board, investors or a regulator.
 * The forecast's trend over the stored snapshots, the findings burndown read from the findings' histories, the
 * corrective actions that are late, and the root causes that most findings share. Like the letters, it names
 * no internal person unless published: owners are left out, free text is guarded.
 */
import {
  findingsBurndown,
  isUnresolved,
  MAX_BURNDOWN_POINTS,
  plannedActions,
  systemicCauses,
  type OpinionKind,
} from '../../domain/index.js';
import { counted } from '../../domain/words.js';
import type { Block, ReportDocument, Section } from '../document/model.js';
import type { ForecastPoint, ReportData } from './data.js';
import { CAUSE_CATEGORY_WORDS, longDate, nameGuard } from './letter-words.js';
import { documentMeta } from './meta.js';
import { dateText } from './words.js';

/** The most snapshots the trend's table lists (the chart draws up to MAX_BURNDOWN_POINTS). */
const MAX_TREND_ROWS = 24;
/** The root causes the pack ranks. */
const TOP_CAUSES = 5;

const OPINION_NAMES: Readonly<Record<OpinionKind, string>> = {
  unmodified: 'Unmodified',
  qualified: 'Qualified',
  adverse: 'Adverse',
  disclaimer: 'Disclaimer',
};

/** At most `max` of the items, evenly spread, always with the first and the last. */
export function spread<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = (items.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => items[Math.round(i * step)] as T);
}

/** A line chart of counts over days: one series per name, one value per day. */
function countsOverTime(title: string, labels: string[], series: Record<string, number[]>): Block {
  return {
    kind: 'chart',
    chart: { type: 'line', title, unit: null, labels, series: Object.entries(series).map(([name, values]) => ({ name, values })) },
  };
}

export function stakeholderPack(data: ReportData): ReportDocument {
  const guard = nameGuard(data);
  const today = data.generatedAt.slice(0, 10);
  const history = [...data.history].sort((a, b) => a.at.localeCompare(b.at));
  const burndown = findingsBurndown(data.findings, today);
  const overdue = plannedActions(data.findings, today, 0).filter((a) => a.state === 'overdue');
  const causes = systemicCauses(data.findings, data.rootCauses).slice(0, TOP_CAUSES);
  const inScope = data.result.criteria.filter((c) => c.status !== 'not_applicable');
  const met = inScope.filter((c) => c.status === 'met' || c.status === 'met_with_exceptions').length;
  const unresolved = data.findings.filter((f) => isUnresolved(f.status)).length;

  const summary: Section = {
    title: 'Summary',
    blocks: [
      {
        kind: 'facts',
        items: [
          { label: 'Forecast opinion', value: OPINION_NAMES[data.result.opinion.overall] },
          { label: 'Criteria met', value: `${met} of ${inScope.length}` },
          { label: 'Unresolved findings', value: String(unresolved) },
          { label: 'Overdue corrective actions', value: String(overdue.length) },
          { label: 'Cause shared by most findings', value: causes[0] ? guard(causes[0].rootCause.title) : 'None recorded' },
        ],
      },
      ...trendSentence(history, data.locale),
    ],
  };
  return {
    meta: documentMeta(data, 'Stakeholder pack', { subtitle: `As of ${longDate(today, data.locale)}` }),
    sections: [
      summary,
      { title: 'Forecast trend', blocks: trendBlocks(history, data.locale) },
      { title: 'Findings burndown', blocks: burndownBlocks(burndown, data.locale) },
      { title: 'Overdue corrective actions', blocks: overdueBlocks(overdue, guard, data.locale, today) },
      { title: 'Systemic root causes', blocks: causeBlocks(causes, guard) },
    ],
  };
}

function trendSentence(history: ForecastPoint[], locale: string): Block[] {
  const first = history[0];
  const last = history.at(-1);
  if (!first || !last || first === last) return [];
  return [
    {
      kind: 'paragraph',
      text: `From ${longDate(first.at, locale)} to ${longDate(last.at, locale)}, the criteria forecast as met went from ${first.criteriaMet} to ${last.criteriaMet} of ${last.criteriaInScope}, the forecast opinion from ${OPINION_NAMES[first.opinion].toLowerCase()} to ${OPINION_NAMES[last.opinion].toLowerCase()}, and the open findings from ${first.openFindings} to ${last.openFindings}.`,
      tone: last.criteriaMet > first.criteriaMet ? 'good' : last.criteriaMet < first.criteriaMet ? 'bad' : null,
    },
  ];
}

function trendBlocks(history: ForecastPoint[], locale: string): Block[] {
  if (history.length === 0) return [{ kind: 'paragraph', text: 'No forecast has been stored yet: the trend starts with the first snapshot.', tone: null }];
  const drawn = spread(history, MAX_BURNDOWN_POINTS);
  const listed = spread(history, MAX_TREND_ROWS);
  return [
    countsOverTime('Criteria forecast as met and not met, and open findings', drawn.map((p) => dateText(p.at, locale)), {
      'Criteria met': drawn.map((p) => p.criteriaMet),
      'Criteria not met': drawn.map((p) => p.criteriaNotMet),
      'Open findings': drawn.map((p) => p.openFindings),
    }),
    {
      kind: 'table',
      title: listed.length < history.length ? `${listed.length} of the ${history.length} snapshots, evenly spread` : null,
      columns: ['Date', 'Forecast opinion', 'Criteria met', 'Criteria not met', 'In scope', 'Open findings'],
      rows: listed.map((p) => [
        dateText(p.at, locale),
        OPINION_NAMES[p.opinion],
        String(p.criteriaMet),
        String(p.criteriaNotMet),
        String(p.criteriaInScope),
        String(p.openFindings),
      ]),
    },
  ];
}

function burndownBlocks(points: ReturnType<typeof findingsBurndown>, locale: string): Block[] {
  const last = points.at(-1);
  if (!last) return [{ kind: 'paragraph', text: 'No finding has been identified.', tone: 'good' }];
  const peak = points.reduce((a, b) => (b.unresolved > a.unresolved ? b : a));
  return [
    {
      kind: 'paragraph',
      text: `${counted(last.unresolved, 'finding')} unresolved on ${longDate(last.date, locale)}, of ${last.identified} identified; the most unresolved at once was ${peak.unresolved}, on ${longDate(peak.date, locale)}.`,
      tone: last.unresolved === 0 ? 'good' : null,
    },
    countsOverTime('Findings unresolved and closed', points.map((p) => dateText(p.date, locale)), {
      Unresolved: points.map((p) => p.unresolved),
      Closed: points.map((p) => p.closed),
    }),
  ];
}

function overdueBlocks(overdue: ReturnType<typeof plannedActions>, guard: (text: string) => string, locale: string, today: string): Block[] {
  if (overdue.length === 0) return [{ kind: 'paragraph', text: `No corrective action due before ${longDate(today, locale)} is left undone.`, tone: 'good' }];
  return [
    {
      kind: 'paragraph',
      text: `${counted(overdue.length, 'corrective action')} due before ${longDate(today, locale)} ${overdue.length === 1 ? 'is' : 'are'} not done, the longest ${counted(Math.max(...overdue.map((a) => a.daysLate ?? 0)), 'day')} late.`,
      tone: 'bad',
    },
    {
      kind: 'table',
      title: null,
      columns: ['Finding', 'Corrective action', 'Due', 'Days late'],
      rows: overdue.map((a) => [`${a.finding}: ${guard(a.findingTitle)}`, guard(a.action.title), longDate(a.action.due as string, locale), String(a.daysLate ?? 0)]),
    },
  ];
}

function causeBlocks(causes: ReturnType<typeof systemicCauses>, guard: (text: string) => string): Block[] {
  const top = causes[0];
  if (!top) return [{ kind: 'paragraph', text: 'No root cause has been recorded for a finding yet.', tone: null }];
  const lead = top.systemic
    ? `The cause shared by most findings is "${guard(top.rootCause.title)}", behind ${counted(top.findings.length, 'finding')} across ${counted(top.criteria.length, 'criterion')}: a systemic issue, which one fix addresses for all of them.`
    : 'Each root cause recorded is behind one finding only: no cause is systemic.';
  return [
    { kind: 'paragraph', text: lead, tone: top.systemic ? 'warning' : null },
    {
      kind: 'chart',
      chart: {
        type: 'bar',
        title: 'Findings per root cause',
        unit: null,
        max: null,
        bars: causes.map((c) => ({ label: guard(c.rootCause.title), value: c.findings.length, tone: c.systemic ? 'bad' : 'neutral' })),
      },
    },
    {
      kind: 'table',
      title: null,
      columns: ['Root cause', 'Kind of cause', 'Findings', 'Criteria'],
      rows: causes.map((c) => [guard(c.rootCause.title), CAUSE_CATEGORY_WORDS[c.rootCause.category], c.findings.join(', '), c.criteria.join(', ')]),
    },
  ];
}
