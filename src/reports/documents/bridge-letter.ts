/**
 * The bridge letter (a "gap letter"): management's statement for the time between the end of the period the last
 * report covered and a chosen date, until the next report. It says whether management knows of material changes to
 * the system or its controls, or of deficiencies, and lists what the data recorded in that time: changes, findings
 * identified or closed, and the monitoring checks whose latest run falls in it. It is management's letter, not the
 * service auditor's, and says so. Like the customer letter, it names no internal person unless published.
 */
import {
  addDays,
  bridgeEndRefusal,
  daysBetween,
  effectiveSeverity,
  ValidationError,
  type Finding,
  closureDays,
  statusOn,
  isUnresolved,
} from '../../domain/index.js';
import { counted } from '../../domain/words.js';
import type { Block, ReportDocument, Section } from '../document/model.js';
import { reportedExceptions } from './customer-letter.js';
import type { MonitoringSummary, ReportData } from './data.js';
import { longDate, nameGuard, PROGRESS_WORDS, reportWords, SEVERITY_WORDS } from './letter-words.js';
import { documentMeta } from './meta.js';

/** The usual longest bridge: user auditors seldom rely on one covering more than about three months. */
const USUAL_BRIDGE_DAYS = 92;

/** What the letter is written from: the records whose day falls after the period end, up to and including `to`. */
export interface BridgeRecords {
  from: string;
  to: string;
  changes: ReportData['changes'];
  opened: Finding[];
  closed: { finding: Finding; on: string }[];
  monitoring: MonitoringSummary[];
}

/** Refuses a `to` the letter cannot end on ({@link bridgeEndRefusal}), as of the day the letter is written. */
function checkBridgeEnd(data: ReportData, to: string): void {
  const message = bridgeEndRefusal(to, data.examination.engagement.periodEnd, data.generatedAt.slice(0, 10));
  if (message !== null) throw new ValidationError([{ location: 'to', message }], 'The bridge letter cannot be written');
}

export function bridgeRecords(data: ReportData, to: string): BridgeRecords {
  checkBridgeEnd(data, to);
  const { periodEnd } = data.examination.engagement;
  const within = (at: string) => at.slice(0, 10) > periodEnd && at.slice(0, 10) <= to;
  const closed = data.findings.flatMap((finding) => closureDays(finding).filter(within).map((on) => ({ finding, on })));
  return {
    from: addDays(periodEnd, 1),
    to,
    changes: data.changes.filter((c) => within(c.at)).sort((a, b) => a.at.localeCompare(b.at)),
    opened: data.findings.filter((f) => f.status !== 'false_positive' && f.identifiedOn !== null && within(f.identifiedOn)),
    closed: closed.sort((a, b) => a.on.localeCompare(b.on)),
    monitoring: data.monitoring.filter((m) => within(m.ranAt)).sort((a, b) => a.check.localeCompare(b.check)),
  };
}

export function bridgeLetter(data: ReportData, to: string): ReportDocument {
  const records = bridgeRecords(data, to);
  const guard = nameGuard(data);
  const { organization } = data.examination.engagement;
  const span = `${longDate(records.from, data.locale)} to ${longDate(to, data.locale)}`;
  const failing = records.monitoring.filter((m) => m.failing > 0);
  const days = daysBetween(records.from, to) + 1;
  const matters = [
    ...(records.opened.length > 0 ? [`${counted(records.opened.length, 'finding')} identified`] : []),
    ...(failing.length > 0 ? [`${counted(failing.length, 'monitoring check')} that found failures`] : []),
  ];

  const letter: Block[] = [
    { kind: 'paragraph', text: 'To the users of our SOC 2 report and their auditors,', tone: null },
    {
      kind: 'paragraph',
      text: `Our most recent SOC 2 report is the ${reportWords(data)}. This letter covers the time after it, from ${span} (${counted(days, 'day')}), until our next report is issued. It is management's own statement: the service auditor has not examined it, and it does not replace a SOC 2 report.`,
      tone: null,
    },
    {
      kind: 'paragraph',
      text:
        records.changes.length === 0
          ? `Management is not aware of any material change to the system or its controls from ${span}.`
          : `Other than the ${counted(records.changes.length, 'change')} listed in this letter, management is not aware of any material change to the system or its controls from ${span}.`,
      tone: null,
    },
    {
      kind: 'paragraph',
      text:
        matters.length === 0
          ? `Management is not aware of any deficiency in the design or operation of the controls in that time${records.monitoring.length > 0 ? ', and the monitoring checks that ran in it found no failure' : ''}.`
          : `Other than the ${matters.join(' and the ')}, listed in this letter, management is not aware of any deficiency in the design or operation of the controls in that time.`,
      tone: matters.length === 0 ? 'good' : 'warning',
    },
    ...exceptionsSince(data, to),
  ];
  if (days > USUAL_BRIDGE_DAYS) {
    letter.push({
      kind: 'paragraph',
      text: `Bridge letters usually cover up to three months; this one covers ${counted(days, 'day')}, so a reader may prefer to ask for a more recent report.`,
      tone: 'warning',
    });
  }
  letter.push({ kind: 'paragraph', text: `Management of ${organization}, ${longDate(data.generatedAt, data.locale)}`, tone: null });

  const detail: Section = {
    title: 'Recorded after the period',
    blocks: [
      { kind: 'heading', text: 'Changes to the system or its controls' },
      records.changes.length === 0
        ? { kind: 'paragraph', text: 'No change was recorded.', tone: null }
        : { kind: 'table', title: null, columns: ['Date', 'Change'], rows: records.changes.map((c) => [longDate(c.at, data.locale), guard(c.summary)]) },
      { kind: 'heading', text: 'Findings identified' },
      records.opened.length === 0
        ? { kind: 'paragraph', text: 'No finding was identified.', tone: null }
        : {
            kind: 'table',
            title: null,
            columns: ['Finding', 'Criteria', 'Seriousness', 'Identified', `On ${longDate(to, data.locale)}`],
            rows: records.opened.map((f) => [
              guard(f.title),
              f.criteria.join(', '),
              SEVERITY_WORDS[effectiveSeverity(f.classification)].level,
              longDate(f.identifiedOn as string, data.locale),
              progressOn(f, to),
            ]),
          },
      { kind: 'heading', text: 'Findings closed' },
      records.closed.length === 0
        ? { kind: 'paragraph', text: 'No finding was closed.', tone: null }
        : { kind: 'table', title: null, columns: ['Finding', 'Closed on'], rows: records.closed.map((c) => [guard(c.finding.title), longDate(c.on, data.locale)]) },
      { kind: 'heading', text: 'Continuous monitoring' },
      ...monitoringBlocks(records.monitoring, failing, guard, data.locale),
    ],
  };
  return {
    meta: documentMeta(data, 'Bridge letter', { subtitle: `From ${span}` }),
    sections: [{ title: 'Bridge letter', blocks: letter }, detail],
  };
}

/** Where the report's exceptions stood at the letter's end: how many were closed, how many are still worked. */
function exceptionsSince(data: ReportData, to: string): Block[] {
  const exceptions = reportedExceptions(data);
  if (exceptions.length === 0) return [];
  const statuses = exceptions.map((e) => (e.finding ? statusOn(e.finding, to) : 'open'));
  const closed = statuses.filter((s) => s === 'closed').length;
  const unresolved = statuses.filter((s) => s !== null && isUnresolved(s)).length;
  const accepted = statuses.filter((s) => s === 'risk_accepted').length;
  const parts = [`${closed} closed after a retest`, `${unresolved} still open`, ...(accepted > 0 ? [`${accepted} whose risk management accepted`] : [])];
  return [
    {
      kind: 'paragraph',
      text: `Of the ${counted(exceptions.length, 'exception')} the report describes, on ${longDate(to, data.locale)}: ${parts.join(', ')}.`,
      tone: unresolved === 0 ? 'good' : null,
    },
  ];
}

function progressOn(finding: Finding, to: string): string {
  const status = statusOn(finding, to);
  return status === null || status === 'false_positive' ? '' : PROGRESS_WORDS[status];
}

function monitoringBlocks(ran: MonitoringSummary[], failing: MonitoringSummary[], guard: (text: string) => string, locale: string): Block[] {
  if (ran.length === 0) return [{ kind: 'paragraph', text: 'No monitoring check has its latest run in this time.', tone: null }];
  const summary =
    failing.length === 0
      ? `Every one of the ${counted(ran.length, 'check')} whose latest run falls in this time found no failure.`
      : `${counted(failing.length, 'check')} of the ${ran.length} whose latest run falls in this time found failures.`;
  return [
    { kind: 'paragraph', text: summary, tone: failing.length === 0 ? 'good' : 'warning' },
    {
      kind: 'table',
      title: null,
      columns: ['Check', 'Latest run', 'Items tested', 'Result'],
      rows: ran.map((m) => [
        guard(m.title),
        longDate(m.ranAt, locale),
        String(m.tested),
        m.tested === 0 ? 'Nothing to test' : m.failing === 0 ? 'Passed' : `${m.failing} of ${m.tested} failed`,
      ]),
    },
  ];
}
