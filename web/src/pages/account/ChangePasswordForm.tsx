/** Changing one's password: the current one, then the new one twice. Every other session of the person ends. */
import { Alert, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useChangePassword } from '../../api/account.js';
import { notifySaved } from '../../components/notify.js';
import { NewPasswordInputs, newPasswordRules, type NewPasswordValues } from './new-password.js';
import { FormActions } from '../../components/FormActions.js';
import { keepOnRefusal } from '../../components/keep-on-refusal.js';
import { refusalOf } from '../../api/problem.js';
import { counted } from '@assay/domain/words.js';
import { limitedText } from '../../components/text-limit.js';
import { MAX_PASSWORD_LENGTH } from '@assay/contract/limits.js';

export function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const change = useChangePassword();
  const form = useForm<NewPasswordValues & { currentPassword: string }>({
    initialValues: { currentPassword: '', password: '', confirmation: '' },
    validate: { currentPassword: (v) => (v ? null : 'Enter your current password'), ...newPasswordRules },
  });
  return (
    <form
      aria-label="Change your password"
      noValidate
      onSubmit={form.onSubmit((values) =>
        keepOnRefusal(
          async () => {
            const { sessionsEnded } = await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.password });
            notifySaved(`Your password is changed${sessionsEnded > 0 ? `; ${counted(sessionsEnded, 'other session')} signed out` : ''}.`);
            onDone();
          },
          form,
          { newPassword: 'password' },
        ),
      )}
    >
      <Stack>
        {change.error && (
          <Alert color="red" role="alert">
            {refusalOf(change.error, Object.keys(form.values), { newPassword: 'password' }).message}
          </Alert>
        )}
        <PasswordInput label="Current password" withAsterisk autoComplete="current-password" data-autofocus {...limitedText(form, 'currentPassword', MAX_PASSWORD_LENGTH)} />
        <NewPasswordInputs password={limitedText(form, 'password', MAX_PASSWORD_LENGTH)} confirmation={limitedText(form, 'confirmation', MAX_PASSWORD_LENGTH)} />
        <FormActions submitLabel="Change password" loading={change.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
