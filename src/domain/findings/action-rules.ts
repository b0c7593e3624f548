/** What makes a finding's corrective actions consistent, wherever they are written: the workspace, the API, the form. */
import { words } from '../format.js';
import { repeats, type Problem } from '../problems.js';
import type { CorrectiveAction } from './model.js';

export interface ActionCompletion {
  /** Undefined: not given (the workspace's default, planned). */
  status: string | undefined;
  completedOn: string | null | undefined;
}

/** An action is done exactly when it says when it was completed. */
export function completionProblems(action: ActionCompletion): Problem[] {
  const completed = action.completedOn !== null && action.completedOn !== undefined && action.completedOn !== '';
  if (action.status === 'done' && !completed) return [{ path: ['completedOn'], message: 'a done action needs the date it was completed (completedOn)' }];
  if (action.status !== 'done' && completed) {
    return [{ path: ['completedOn'], message: `completedOn is set but the action is ${words(action.status ?? 'planned')}, not done` }];
  }
  return [];
}

/** A finding's actions: each id once, each done exactly when completed. Problems at `[index, field]`. */
export function correctiveActionProblems(actions: readonly (ActionCompletion & { id: string | undefined })[]): Problem[] {
  const problems: Problem[] = [];
  const ids = actions.map((a) => a.id);
  const repeated = new Map(repeats(ids).map(({ index, first }) => [index, first]));
  actions.forEach((action, i) => {
    const first = repeated.get(i);
    if (first !== undefined) problems.push({ path: [i, 'id'], message: `action id "${action.id}" appears twice`, firstAt: [first, 'id'] });
    for (const p of completionProblems(action)) problems.push({ ...p, path: [i, ...p.path] });
  });
  return problems;
}

/** What the application knows when a person writes an action (the workspace format does not judge these). */
export interface ActionContext {
  /** Today's ISO date. */
  today: string;
  /** When the finding was identified (ISO date); null when it does not say. */
  identifiedOn: string | null;
  /** Whether the owner named is a member of the organisation (compared as the caller stores emails). */
  isMember: (owner: string) => boolean;
  /** The person confirmed, with a reason, a due date earlier than the finding (e.g. a fix already under way). */
  dueBeforeIdentifiedConfirmed: boolean;
}

export type WrittenAction = Pick<CorrectiveAction, 'owner' | 'due' | 'status' | 'completedOn' | 'evidence'>;

/**
 * What a person may not write on an action, judged on what this change touches (`before`: the action as it stood,
 * null when new), so an action accepted earlier (imported, or whose owner has since left) does not block an edit of
 * another:
 * - the owner is a member of the organisation;
 * - a due date before the finding was identified needs the person's confirmation;
 * - a completion date is not in the future;
 * - a done action names its evidence of completion (a ticket, change or document).
 */
export function writtenActionProblems(action: WrittenAction, before: WrittenAction | null, context: ActionContext): Problem[] {
  const problems: Problem[] = [];
  const changed = (field: keyof WrittenAction) => before === null || JSON.stringify(before[field]) !== JSON.stringify(action[field]);
  if (changed('owner')) {
    if (action.owner === null || action.owner.trim() === '') problems.push({ path: ['owner'], message: 'name who owns the action: a member of the organisation' });
    else if (!context.isMember(action.owner)) problems.push({ path: ['owner'], message: `${action.owner} is not a member of the organisation` });
  }
  if (changed('due') && action.due !== null && context.identifiedOn !== null && action.due < context.identifiedOn && !context.dueBeforeIdentifiedConfirmed) {
    problems.push({
      path: ['due'],
      message: `due ${action.due} is before the finding was identified (${context.identifiedOn}): confirm the date with a reason to keep it`,
    });
  }
  if (changed('completedOn') && action.completedOn !== null && action.completedOn > context.today) {
    problems.push({ path: ['completedOn'], message: `a completion date cannot be in the future (today is ${context.today})` });
  }
  if (action.status === 'done' && (changed('status') || changed('evidence')) && !action.evidence.some((e) => e.trim() !== '')) {
    problems.push({ path: ['evidence'], message: 'a done action needs its evidence of completion (a ticket, change or document)' });
  }
  return problems;
}

/** Every action of a change, each judged against the action of the same id as it stood. Problems at `[index, field]`. */
export function writtenActionsProblems(actions: readonly (WrittenAction & { id: string })[], before: readonly (WrittenAction & { id: string })[], context: ActionContext): Problem[] {
  const stood = new Map(before.map((a) => [a.id, a]));
  return actions.flatMap((action, i) => writtenActionProblems(action, stood.get(action.id) ?? null, context).map((p) => ({ ...p, path: [i, ...p.path] })));
}
