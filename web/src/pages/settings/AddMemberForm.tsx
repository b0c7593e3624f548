/** Adding a person to the organisation: someone with an account by email, or a new person with a name and initial password. */
import { Alert, Button, Group, PasswordInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { NewMember } from '../../api/settings.js';
import type { Role } from '../../api/types.js';
import { ROLE_DESCRIPTIONS, ROLE_OPTIONS } from './roles.js';
import { MAX_NAME_LENGTH, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../../src/domain/limits.js';

/** The server's limits (src/services/passwords.ts, src/server/routes/members/schemas.ts). */
const MAX_EMAIL_LENGTH = 320;

interface Values {
  email: string;
  role: Role | null;
  newAccount: boolean;
  displayName: string;
  password: string;
}

export function memberOf(values: Values): NewMember {
  const member: NewMember = { email: values.email.trim(), role: values.role ?? 'viewer' };
  return values.newAccount ? { ...member, displayName: values.displayName.trim(), password: values.password } : member;
}

export function AddMemberForm(props: { onSubmit: (member: NewMember) => void; onCancel: () => void; loading: boolean; error: string | null }) {
  const form = useForm<Values>({
    initialValues: { email: '', role: null, newAccount: false, displayName: '', password: '' },
    validate: {
      email: (v) =>
        /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) && v.trim().length <= MAX_EMAIL_LENGTH ? null : 'Enter an email address',
      role: (v) => (v ? null : 'Choose a role'),
      displayName: (v, values) =>
        !values.newAccount ? null : v.trim() === '' ? 'Enter the person’s name' : v.trim().length > MAX_NAME_LENGTH ? `At most ${MAX_NAME_LENGTH} characters` : null,
      password: (v, values) =>
        !values.newAccount || (v.length >= MIN_PASSWORD_LENGTH && v.length <= MAX_PASSWORD_LENGTH)
          ? null
          : `${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`,
    },
  });
  return (
    <form onSubmit={form.onSubmit((values) => props.onSubmit(memberOf(values)))} noValidate aria-label="Add a member">
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
        <Switch
          label="A new person: create the account"
          description="Leave off for someone who already has an account (in this or another organisation)."
          {...form.getInputProps('newAccount', { type: 'checkbox' })}
        />
        {form.values.newAccount && (
          <>
            <TextInput label="Name" withAsterisk {...form.getInputProps('displayName')} />
            <PasswordInput
              label="Initial password"
              description={`At least ${MIN_PASSWORD_LENGTH} characters; give it to the person through a channel you trust.`}
              withAsterisk
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={props.loading}>
            Add member
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
