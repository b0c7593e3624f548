/** The corrective-action form's values and rules: the checks the server makes, so a refusal is rare. */
import { completionProblems } from '@assay/domain/findings/action-rules.js';
import { ACTION_STATUSES, type ActionStatus, type CorrectiveAction, type VerificationResult } from '@assay/domain/findings/model.js';

export { ACTION_STATUSES };

export interface ActionValues {
  title: string;
  owner: string;
  /** YYYY-MM-DD, empty while none is typed. */
  due: string;
  status: ActionStatus;
  completedOn: string;
  /** References to the evidence of completion, separated by commas. */
  evidence: string;
  /** How the fix is checked to have worked; empty for none yet. */
  verificationStep: string;
  verificationResult: VerificationResult | '';
}

export function actionValues(action: CorrectiveAction | null): ActionValues {
  return {
    title: action?.title ?? '',
    owner: action?.owner ?? '',
    due: action?.due ?? '',
    status: action?.status ?? 'planned',
    completedOn: action?.completedOn ?? '',
    evidence: action?.evidence.join(', ') ?? '',
    verificationStep: action?.verification?.step ?? '',
    verificationResult: action?.verification?.result ?? '',
  };
}

export function validateAction(values: ActionValues): Partial<Record<keyof ActionValues, string>> {
  const errors: Partial<Record<keyof ActionValues, string>> = {};
  if (values.title.trim() === '') errors.title = 'Say what will be done';
  if (values.owner.trim() === '') errors.owner = 'Name who owns the action';
  if (values.due === '') errors.due = 'Give the date it is due';
  // As saved (toAction): a completion date only when done.
  const completion = completionProblems({ status: values.status, completedOn: values.status === 'done' ? values.completedOn : null })[0];
  if (completion) errors.completedOn = completion.message;
  if (values.verificationResult !== '' && values.verificationStep.trim() === '') errors.verificationStep = 'Say what the verification step was';
  return errors;
}

/**
 * The action as saved: a completion date only when done; the verification's who, when and note kept as they
 * were (the form edits the step and its result).
 */
export function toAction(id: string, values: ActionValues, before: CorrectiveAction | null): CorrectiveAction {
  const step = values.verificationStep.trim();
  return {
    id,
    title: values.title.trim(),
    owner: values.owner.trim(),
    due: values.due,
    status: values.status,
    completedOn: values.status === 'done' ? values.completedOn : null,
    evidence: values.evidence
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== ''),
    verification:
      step === ''
        ? null
        : {
            step,
            by: before?.verification?.by ?? null,
            on: before?.verification?.on ?? null,
            result: values.verificationResult === '' ? null : values.verificationResult,
            note: before?.verification?.note ?? null,
          },
  };
}
