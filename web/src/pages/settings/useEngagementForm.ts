/** The engagement settings form's state: the values, saving them at the version read, and why a save failed. */
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { refusalOf } from '../../api/problem.js';
import { useScope, type Engagement } from '../../api/programme.js';
import { useUpdateEngagement } from '../../api/settings.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import type { FormProblem } from '../../components/ProblemAlert.js';
import { useCan } from '../../components/useRole.js';
import { changesOf, ENGAGEMENT_FIELD_ALIASES, validateEngagement, valuesOf, type EngagementFormValues } from './engagement-form.js';

/** Why the last save failed, and whether it was someone else's change. */
export interface SaveProblem extends FormProblem {
  conflict: boolean;
}

export function useEngagementForm(engagement: Engagement, reload: () => void) {
  const { organizationId, engagementId } = useScope();
  const editable = useCan('engagement.manage');
  const update = useUpdateEngagement(organizationId, engagementId);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const form = useForm<EngagementFormValues>({ initialValues: valuesOf(engagement), validate: validateEngagement });

  const submit = (values: EngagementFormValues) => {
    setProblem(null);
    update.mutate(
      { version: engagement.version, changes: changesOf(values) },
      {
        onSuccess: () => notifySaved('Engagement settings saved; the forecast is recomputed.'),
        onError: (error) => {
          const conflict = error instanceof ApiError && error.status === 409;
          if (conflict) notifyError(error, reload);
          const refusal = refusalOf(error, Object.keys(values), ENGAGEMENT_FIELD_ALIASES);
          form.setErrors(refusal.errors);
          setProblem({ message: refusal.message, details: refusal.other, conflict });
        },
      },
    );
  };

  return { form, editable, saving: update.isPending, submit, problem };
}

export type EngagementForm = ReturnType<typeof useEngagementForm>['form'];
