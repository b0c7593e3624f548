/**
 * The report's "other information" section: management's response to each exception, in Markdown. Only
 * approved responses are given (the four-eyes step is what makes a text management's); drafts are left out and
 * counted in a note, so a reader of an early copy knows more are coming. Pure: the CLI renders it from a workspace,
 * the API from the database.
 */
import type { ExaminationResult, Finding, ManagementResponse } from '../domain/index.js';
import { list } from '../domain/format.js';
import { describePeriod } from './wording.js';

export interface OtherInformation {
  /** The findings in the order the section gives them (false positives are left out: they were no exception). */
  findings: readonly Pick<Finding, 'code' | 'title' | 'control' | 'criteria' | 'status'>[];
  /** Their responses, one a finding at most (`finding` is its code), approved or not. */
  responses: readonly Pick<ManagementResponse, 'finding' | 'status' | 'whatHappened' | 'rootCause' | 'correctiveAction' | 'remediatedOn'>[];
}

/** The codes of the findings whose response is approved, and of those whose response is a draft, in the findings' order. */
export function responsesByStatus(input: OtherInformation): { approved: string[]; drafts: string[] } {
  const statusOf = new Map(input.responses.map((r) => [r.finding, r.status]));
  const codes = (status: ManagementResponse['status']) =>
    input.findings.filter((f) => f.status !== 'false_positive' && statusOf.get(f.code) === status).map((f) => f.code);
  return { approved: codes('approved'), drafts: codes('draft') };
}

/** What the section says it is, before any response. */
export const OTHER_INFORMATION_INTRO =
  "Management's own account of each exception, its cause and what was done about it; the service auditor's opinion does not cover it.";

/** The control and criteria a response is about: "Control AC-04; criteria CC6.1, CC6.2." */
export function findingSubject(finding: Pick<Finding, 'control' | 'criteria'>): string {
  const control = finding.control === null ? 'No control addresses it' : `Control ${finding.control}`;
  return `${control}; ${finding.criteria.length === 0 ? 'no criterion named' : `criteria ${list(finding.criteria)}`}.`;
}

/** The section, a `##` heading and one `###` subsection per exception with an approved response. */
export function renderOtherInformation(input: OtherInformation): string {
  const responseOf = new Map(input.responses.map((r) => [r.finding, r]));
  const { approved, drafts } = responsesByStatus(input);
  const lines = ["## Other information: management's responses to exceptions", ''];
  lines.push(OTHER_INFORMATION_INTRO, '');
  if (approved.length === 0) lines.push('No management response has been approved yet.', '');
  const included = new Set(approved);
  for (const finding of input.findings) {
    const response = responseOf.get(finding.code);
    if (!response || !included.has(finding.code)) continue;
    lines.push(`### ${finding.code}: ${oneLine(finding.title)}`, '');
    lines.push(findingSubject(finding), '');
    lines.push(part('What happened', response.whatHappened), part('Root cause', response.rootCause), part('Corrective action', response.correctiveAction));
    lines.push(`**Date remediated.** ${response.remediatedOn ?? 'Not remediated yet.'}`, '');
  }
  if (drafts.length > 0) {
    const count = drafts.length === 1 ? 'One response is a draft' : `${drafts.length} responses are drafts`;
    lines.push(`_${count} awaiting approval, not included: ${list(drafts)}._`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The section as a document of its own (the API's download): the system and period, then the section. */
export function renderOtherInformationDocument(
  header: Pick<ExaminationResult, 'organization' | 'system' | 'reportType' | 'periodStart' | 'periodEnd'>,
  input: OtherInformation,
): string {
  return `# ${oneLine(header.organization)}: ${oneLine(header.system)}\n\nSOC 2 ${describePeriod(header)}.\n\n${renderOtherInformation(input)}`;
}

/**
 * One part of the response: its label, then management's text as written (paragraphs kept), except that a line
 * cannot start a heading of its own and break the section's outline.
 */
function part(label: string, text: string): string {
  const body = text.trim().replace(/^(\s*)#/gm, '$1\\#');
  return `**${label}.** ${body}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
