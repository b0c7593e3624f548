/**
 * Evidence requests: the auditor's "provided by client" list. The auditor asks for an item (for a control, by a
 * due date), the organisation answers with evidence from the store or a comment, and the auditor accepts the
 * answer or returns it with a reason; a returned request is answered again. Asking and deciding are the
 * auditor's, answering the organisation's (independence: the auditor never provides the evidence it tests).
 */
import { isRealDate } from '../dates.js';
import { MAX_CONTROL_ID_LENGTH, MAX_OWNER_LENGTH, MAX_TEXT_LENGTH } from '../limits.js';
import type { Problem } from '../problems.js';

export const REQUEST_STATUSES = ['open', 'answered', 'accepted', 'returned'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export interface EvidenceRequest {
  id: string;
  /** The request's id in the auditor's list, e.g. `PBC-12`. */
  code: string;
  item: string;
  /** The control it is for (its id, e.g. `AC-04`), if any. */
  control: string | null;
  dueOn: string;
  /** Who is to answer it (an e-mail or a name), if named. */
  owner: string | null;
  status: RequestStatus;
  /** The organisation's comment with its answer. */
  comment: string | null;
  /** Why the auditor returned the last answer. */
  returnReason: string | null;
  /** The evidence records the answer gives. */
  evidence: string[];
  requestedBy: string;
  requestedAt: string;
  answeredBy: string | null;
  answeredAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  version: number;
}

/** What the auditor writes to ask for an item. */
export interface RequestInput {
  code: string;
  item: string;
  control?: string | null;
  dueOn: string;
  owner?: string | null;
}

/**
 * Problems with a request as asked `today`: an id, what is asked, and a real due date that is not before the
 * request is made (a request cannot be overdue at birth).
 */
export function requestProblems(input: RequestInput, today: string): Problem[] {
  const problems: Problem[] = [];
  const code = input.code.trim();
  if (code === '') problems.push({ path: ['code'], message: 'an id is required' });
  else if (code.length > MAX_CONTROL_ID_LENGTH || /\s/.test(code)) problems.push({ path: ['code'], message: `an id without spaces, at most ${MAX_CONTROL_ID_LENGTH} characters` });
  const item = input.item.trim();
  if (item === '') problems.push({ path: ['item'], message: 'say what is requested' });
  else if (item.length > MAX_TEXT_LENGTH) problems.push({ path: ['item'], message: `at most ${MAX_TEXT_LENGTH} characters` });
  if (!isRealDate(input.dueOn)) problems.push({ path: ['dueOn'], message: 'a date written YYYY-MM-DD' });
  else if (input.dueOn < today) problems.push({ path: ['dueOn'], message: `the due date (${input.dueOn}) is before the request is made (${today})` });
  if ((input.owner ?? '').length > MAX_OWNER_LENGTH) problems.push({ path: ['owner'], message: `at most ${MAX_OWNER_LENGTH} characters` });
  if ((input.control ?? '').length > MAX_CONTROL_ID_LENGTH) problems.push({ path: ['control'], message: `at most ${MAX_CONTROL_ID_LENGTH} characters` });
  return problems;
}

/** Problems with an answer: evidence or a comment, at least one of them. */
export function answerProblems(answer: { evidence: readonly string[]; comment: string | null }): Problem[] {
  if (answer.evidence.length === 0 && (answer.comment ?? '').trim() === '') return [{ path: ['evidence'], message: 'answer with evidence, a comment, or both' }];
  if ((answer.comment ?? '').length > MAX_TEXT_LENGTH) return [{ path: ['comment'], message: `at most ${MAX_TEXT_LENGTH} characters` }];
  return [];
}

/** Which statuses each step starts from: an answer to an open or returned request, a decision on an answer. */
export const REQUEST_STEPS = {
  answer: ['open', 'returned'],
  accept: ['answered'],
  return: ['answered'],
} as const satisfies Record<string, readonly RequestStatus[]>;

/** Whether a request is past its due date on `today` and still waits on the organisation. */
export function isOverdue(request: Pick<EvidenceRequest, 'dueOn' | 'status'>, today: string): boolean {
  return (request.status === 'open' || request.status === 'returned') && request.dueOn < today;
}

/** The board's order: overdue first, then by due date, then by id. */
export function boardOrder(requests: readonly EvidenceRequest[], today: string): EvidenceRequest[] {
  return [...requests].sort(
    (a, b) => Number(isOverdue(b, today)) - Number(isOverdue(a, today)) || a.dueOn.localeCompare(b.dueOn) || a.code.localeCompare(b.code),
  );
}
