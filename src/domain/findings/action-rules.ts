/** What makes a finding's corrective actions consistent, wherever they are written: the workspace, the API, the form. */
import { words } from '../format.js';
import { repeats, type Problem } from '../problems.js';

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
