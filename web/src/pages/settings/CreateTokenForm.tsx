/** A new API token: its name, its role, and when it stops working (optional). */
import { Alert, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { NewToken } from '../../api/settings.js';
import type { Role } from '../../api/types.js';
import { isRealDate } from '@assay/domain/dates.js';
import { MAX_NAME_LENGTH } from '@assay/contract/limits.js';
import { RoleSelect } from './RoleSelect.js';
import { FormActions } from '../../components/FormActions.js';
import { DateField } from '../../components/DateField.js';
import { notARealDate } from '../../dates.js';
import { limitedText } from '../../components/text-limit.js';


interface Values {
  name: string;
  role: Role | null;
  /** YYYY-MM-DD, or '' for a token that works until revoked. */
  expiresOn: string;
}

/** The token stops working at the end of the chosen day, UTC. */
export function tokenOf(values: Values): NewToken {
  return {
    name: values.name.trim(),
    role: values.role ?? 'viewer',
    expiresAt: values.expiresOn === '' ? null : `${values.expiresOn}T23:59:59Z`,
  };
}

export function CreateTokenForm(props: {
  onSubmit: (token: NewToken) => void;
  onCancel: () => void;
  loading: boolean;
  error: string | null;
  /** Today, YYYY-MM-DD (UTC): an expiry before it is refused. */
  today: string;
}) {
  const form = useForm<Values>({
    initialValues: { name: '', role: null, expiresOn: '' },
    validate: {
      name: (v) => (v.trim() === '' ? 'Name the token after what uses it, e.g. "CI evidence upload"' : v.trim().length > MAX_NAME_LENGTH ? `At most ${MAX_NAME_LENGTH} characters` : null),
      role: (v) => (v ? null : 'Choose the role the token acts with'),
      expiresOn: (v) => (v === '' ? null : !isRealDate(v) ? notARealDate() : v < props.today ? 'Choose today or a later day' : null),
    },
  });
  return (
    <form onSubmit={form.onSubmit((values) => props.onSubmit(tokenOf(values)))} noValidate aria-label="Create an API token">
      <Stack>
        {props.error && (
          <Alert color="red" role="alert">
            {props.error}
          </Alert>
        )}
        <TextInput label="Name" withAsterisk data-autofocus {...limitedText(form, 'name', MAX_NAME_LENGTH)} />
        <RoleSelect unchosen="Give it the least a script needs." {...form.getInputProps('role')} />
        <DateField
          label="Expires on"
          description="Optional: it stops working at the end of this day (UTC). Leave empty for a token that works until revoked."
          {...form.getInputProps('expiresOn')}
        />
        <FormActions submitLabel="Create token" loading={props.loading} onCancel={props.onCancel} />
      </Stack>
    </form>
  );
}
