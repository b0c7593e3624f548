/** The corrective-action form's values and rules: the checks the server makes, so a refusal is rare. */
import { completionProblems, writtenActionProblems } from '@assay/domain/findings/action-rules.js';
import { ACTION_STATUSES, type ActionStatus, type CorrectiveAction, type VerificationResult } from '@assay/domain/findings/model.js';

export { ACTION_STATUSES };

export interface ActionValues {
  title: string;
  owner: string;
  /** YYYY-MM-DD, empty while none is typed. */
  due: string;
  /** Why a due date before the finding was identified is right: the person's confirmation of it. */
  dueReason: string;
  status: ActionStatus;
  completedOn: string;
  /** References to the evidence of completion, separated by commas. */
  evidence: string;
  /** How the fix is checked to have worked; empty for none yet. */
  verificationStep: string;
  verificationResult: VerificationResult | '';
}

export type ActionErrors = Partial<Record<keyof ActionValues, string>>;

/** What the form judges an action against, beside its values. */
export interface ActionSetting {
  /** The action as it stood; null for a new one. */
  before: CorrectiveAction | null;
  /** Today's ISO date. */
  today: string;
  /** When the finding was identified. */
  identifiedOn: string | null;
  /** The members' emails (lower-cased); null while not known, when the server alone judges the owner. */
  members: ReadonlySet<string> | null;
}

export function actionValues(action: CorrectiveAction | null): ActionValues {
  return {
    title: action?.title ?? '',
    owner: action?.owner ?? '',
    due: action?.due ?? '',
    dueReason: '',
    status: action?.status ?? 'planned',
    completedOn: action?.completedOn ?? '',
    evidence: action?.evidence.join(', ') ?? '',
    verificationStep: action?.verification?.step ?? '',
    verificationResult: action?.verification?.result ?? '',
  };
}

/** Whether the due date typed is earlier than the finding and new: the form then asks why (the server's rule). */
export function asksDueReason(values: ActionValues, setting: ActionSetting): boolean {
  const { before, identifiedOn } = setting;
  return values.due !== '' && identifiedOn !== null && values.due < identifiedOn && before?.due !== values.due;
}

export function validateAction(values: ActionValues, setting: ActionSetting): ActionErrors {
  const errors: ActionErrors = {};
  if (values.title.trim() === '') errors.title = 'Say what will be done';
  if (values.owner.trim() === '') errors.owner = 'Name who owns the action';
  if (values.due === '') errors.due = 'Give the date it is due';
  // As saved (toAction): a completion date only when done.
  const completion = completionProblems({ status: values.status, completedOn: values.status === 'done' ? values.completedOn : null })[0];
  if (completion) errors.completedOn = completion.message;
  if (values.verificationResult !== '' && values.verificationStep.trim() === '') errors.verificationStep = 'Say what the verification step was';
  const { members } = setting;
  const written = writtenActionProblems(toAction('', values, setting.before), setting.before, {
    today: setting.today,
    identifiedOn: setting.identifiedOn,
    isMember: (owner) => members === null || members.has(owner.trim().toLowerCase()),
    dueBeforeIdentifiedConfirmed: values.dueReason.trim() !== '',
  });
  for (const { path, message } of written) {
    const field = path[0] as keyof ActionValues;
    errors[field] ??= message;
  }
  return errors;
}

/**
 * Where the server names the fields of the action at `index` in the list sent (`$.actions[2].owner`), as the
 * form's fields (owner): the aliases `keepOnRefusal` places the refusal's issues by.
 */
export function actionFieldAliases(index: number): Record<string, string> {
  return Object.fromEntries(Object.keys(actionValues(null)).map((field) => [`actions.${index}.${field}`, field]));
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
