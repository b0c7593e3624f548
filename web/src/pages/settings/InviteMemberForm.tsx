/**
 * Inviting a person: their email and a role. They choose their own password when they open the link (or accept
 * with the account they have); an admin never sets or learns it.
 */
import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Role } from '../../api/types.js';
import { MAX_EMAIL_LENGTH } from '@assay/contract/limits.js';
import { ROLE_DESCRIPTIONS, ROLE_OPTIONS } from '../../labels.js';

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
        <TextInput label="Email" type="email" withAsterisk data-autofocus {...form.getInputProps('email')} />
        <Select
          label="Role"
          withAsterisk
          data={ROLE_OPTIONS}
          description={form.values.role ? `May do: ${ROLE_DESCRIPTIONS[form.values.role]}` : undefined}
          allowDeselect={false}
          {...form.getInputProps('role')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={props.loading}>
            Create invitation
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
