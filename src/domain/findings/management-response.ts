/**
 * Management's response to an exception: what the report's "other information" section says about a
 * finding (what happened, its root cause, the corrective action, when it was remediated). It is drafted from the
 * finding's data, edited by people and approved by someone other than the person who last wrote it (four eyes).
 * The response is the service organisation's own words: the auditor neither writes nor approves it.
 */
import { sameEmail } from '../accounts/invitation.js';
import { list, words } from '../format.js';
import { lastCompletion } from './closure.js';
import type { Finding, RootCause } from './model.js';

export const RESPONSE_STATUSES = ['draft', 'approved'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

/** Each of the four texts: room for a few paragraphs, shared by the server's checks and the web form. */
export const MAX_RESPONSE_TEXT_LENGTH = 8000;

/** The four parts of the response, as people edit them. */
export interface ResponseText {
  whatHappened: string;
  rootCause: string;
  correctiveAction: string;
  /** ISO date the exception was remediated; null while it is not. */
  remediatedOn: string | null;
}

export interface ManagementResponse extends ResponseText {
  /** The finding's code. */
  finding: string;
  status: ResponseStatus;
  /** Who last drafted or edited it: the one person who may not approve it. */
  editedBy: string | null;
  editedOn: string;
  approvedBy: string | null;
  approvedOn: string | null;
}

/** The text without its closing punctuation, to add words after it. */
const bare = (text: string) => text.trim().replace(/[.!?]$/, '');
/** The text as a sentence: closed by a full stop unless it has its own. */
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/**
 * The four texts drafted from the finding's data, in plain words, for a person to edit: the deviations and
 * criteria it concerns, its root cause and 5-whys chain, its corrective actions and the retest that proved the
 * fix, and the date the last action was completed.
 */
export function draftManagementResponse(finding: Finding, rootCause: RootCause | null): ResponseText {
  return {
    whatHappened: whatHappened(finding),
    rootCause: rootCause
      ? [`${bare(rootCause.title)} (${words(rootCause.category)}).`, ...rootCause.whys.map(sentence)].join(' ')
      : 'The root cause is being analysed.',
    correctiveAction: correctiveAction(finding),
    remediatedOn: lastCompletion(finding),
  };
}

function whatHappened(finding: Finding): string {
  const parts = [sentence(finding.title)];
  const count = finding.failedSamples.length;
  if (count > 0) {
    const items = list(finding.failedSamples.map((d) => d.item));
    parts.push(`${count === 1 ? 'One item' : `${count} items`} tested did not meet the control (${items}).`);
  }
  if (finding.criteria.length > 0) parts.push(`It concerns criteria ${list(finding.criteria)}.`);
  if (finding.identifiedOn) parts.push(`It was identified on ${finding.identifiedOn}.`);
  return parts.join(' ');
}

function correctiveAction(finding: Finding): string {
  if (finding.correctiveActions.length === 0) return 'Corrective actions are being planned.';
  const actions = finding.correctiveActions.map((a) => {
    const state = a.status === 'done' && a.completedOn ? `completed on ${a.completedOn}` : a.due ? `${words(a.status)}, due ${a.due}` : words(a.status);
    return `${bare(a.title)} (${state}).`;
  });
  const proved = finding.retests.findLast((r) => r.conclusion === 'effective');
  if (proved) {
    actions.push(`A retest of ${proved.control} over ${proved.periodStart} to ${proved.periodEnd} found it operating effectively (${proved.samples.length} samples).`);
  }
  return actions.join(' ');
}

/** Edited text replaces the old; an approved response that is edited needs approving again. */
export function editResponse(response: ManagementResponse, text: ResponseText, by: string, on: string): ManagementResponse {
  return { ...response, ...text, status: 'draft', editedBy: by, editedOn: on, approvedBy: null, approvedOn: null };
}

/** Whether `person` last drafted or edited the response (compared as emails are): four eyes keep them from approving it. */
export function isLastEditor(response: Pick<ManagementResponse, 'editedBy'>, person: string | null | undefined): boolean {
  return Boolean(response.editedBy && person && sameEmail(response.editedBy, person));
}

/** Approval by a second person (four eyes): refused to the one who last drafted or edited the text, and to a response already approved. */
export function approveResponse(
  response: ManagementResponse,
  by: string,
  on: string,
): { ok: true; response: ManagementResponse } | { ok: false; reasons: string[] } {
  if (response.status === 'approved') return { ok: false, reasons: [`It was already approved by ${response.approvedBy ?? 'someone'}.`] };
  if (isLastEditor(response, by)) {
    return { ok: false, reasons: [`${by} last edited it: someone else must approve it (four eyes).`] };
  }
  return { ok: true, response: { ...response, status: 'approved', approvedBy: by, approvedOn: on } };
}

/** A response recorded outside the service (a workspace file) before it is stored: when it was last edited may be unknown. */
export type RecordedResponse = Omit<ManagementResponse, 'editedOn'> & { editedOn: string | null };

/**
 * What a recorded response must hold to stand in its status, since it did not come through `approveResponse`: an
 * approved one names who approved it and when, a draft neither; the approver is not its last editor (four eyes);
 * and the approval is not older than the text it approves. Each problem names the field it is about.
 */
export function recordedResponseIssues(response: RecordedResponse): { field: keyof RecordedResponse; message: string }[] {
  const issues: { field: keyof RecordedResponse; message: string }[] = [];
  if (response.status === 'draft') {
    if (response.approvedBy !== null) issues.push({ field: 'approvedBy', message: 'a draft has no approver: approvedBy is kept only while the status is approved' });
    if (response.approvedOn !== null) issues.push({ field: 'approvedOn', message: 'a draft has no approval: approvedOn is kept only while the status is approved' });
    return issues;
  }
  if (response.approvedBy === null) issues.push({ field: 'approvedBy', message: 'an approved response names who approved it (approvedBy)' });
  if (response.approvedOn === null) issues.push({ field: 'approvedOn', message: 'an approved response says when it was approved (approvedOn)' });
  if (response.approvedBy !== null && isLastEditor(response, response.approvedBy)) {
    issues.push({ field: 'approvedBy', message: `${response.approvedBy} last edited it: someone else must approve it (four eyes)` });
  }
  if (response.approvedOn !== null && response.editedOn !== null && response.approvedOn < response.editedOn) {
    issues.push({ field: 'approvedOn', message: `approved (${response.approvedOn}) before it was last edited (${response.editedOn}): an approval covers the text as last edited` });
  }
  return issues;
}
