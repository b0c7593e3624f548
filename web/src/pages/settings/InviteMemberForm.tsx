/**
 * Inviting a person: their email and a role. They choose their own password when they open the link (or accept
 * with the account they have); an admin never sets or learns it.
 */
import { Alert, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Role } from '../../api/types.js';
import { MAX_EMAIL_LENGTH } from '@assay/contract/limits.js';
import { RoleSelect } from './RoleSelect.js';
import { FormActions } from '../../components/FormActions.js';
import { limitedText } from '../../components/text-limit.js';

export interface NewInvitation {
  email: string;
  role: Role;
}

interface Values {
  email: string;
  role: Role | null;
}

export function InviteMemberForm(props: { onSubmit: (invitation: NewInvitation) => void; onCancel: () => void; loading: boolean; error: string | null }) {
  const form = useForm<Values>({
    initialValues: { email: '', role: null },
    validate: {
      email: (v) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) && v.trim().length <= MAX_EMAIL_LENGTH ? null : 'Enter an email address'),
      role: (v) => (v ? null : 'Choose a role'),
    },
  });
  return (
    <form onSubmit={form.onSubmit((values) => props.onSubmit({ email: values.email.trim(), role: values.role ?? 'viewer' }))} noValidate aria-label="Invite a member">
      <Stack>
        {props.error && (
          <Alert color="red" role="alert">
            {props.error}
          </Alert>
        )}
        <TextInput label="Email" type="email" withAsterisk data-autofocus {...limitedText(form, 'email', MAX_EMAIL_LENGTH)} />
        <RoleSelect {...form.getInputProps('role')} />
        <FormActions submitLabel="Create invitation" loading={props.loading} onCancel={props.onCancel} />
      </Stack>
    </form>
  );
}
