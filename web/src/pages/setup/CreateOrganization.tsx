/** The first step of a fresh installation: the organisation whose systems are examined; its creator becomes its admin. */
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { MAX_NAME_LENGTH, MAX_SLUG_LENGTH } from '@assay/contract/limits.js';
import { slugFor } from '@assay/domain/accounts/slug.js';
import { ApiError } from '../../api/client.js';
import { useCreateOrganization } from '../../api/setup.js';
import { SectionCard } from '../../components/SectionCard.js';
import { limitedText } from '../../components/text-limit.js';

export function CreateOrganization({ onCreated }: { onCreated: (organizationId: string) => void }) {
  const create = useCreateOrganization();
  const form = useForm({
    initialValues: { name: '', slug: '' },
    validate: {
      name: (value: string) => (value.trim() === '' ? 'Enter the organisation’s name' : value.trim().length > MAX_NAME_LENGTH ? `At most ${MAX_NAME_LENGTH} characters` : null),
      slug: (value: string) => (/^[a-z0-9][a-z0-9-]{1,62}$/.test(value) ? null : 'Lower-case letters, digits and dashes, 2 to 63 characters'),
    },
  });
  const submit = form.onSubmit((values) =>
    create.mutate(
      { name: values.name.trim(), slug: values.slug },
      {
        onSuccess: (organization) => onCreated(organization.id),
        onError: (error) => form.setFieldError(error instanceof ApiError && error.status === 409 ? 'slug' : 'name', error.message),
      },
    ),
  );
  return (
    <SectionCard title="1. Your organisation">
      <Text size="sm" c="dimmed">
        The service organisation whose system is examined. You become its admin, and invite the others.
      </Text>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label="Organisation name"
            withAsterisk
            {...limitedText(form, 'name', MAX_NAME_LENGTH)}
            onChange={(event) => {
              const name = event.currentTarget.value;
              // The short name follows the name until someone types their own.
              if (form.values.slug === '' || form.values.slug === slugFor(form.values.name)) form.setFieldValue('slug', slugFor(name));
              form.setFieldValue('name', name);
            }}
          />
          <TextInput label="Short name" description="Used in addresses and by the command line (assay export --organization)" withAsterisk {...limitedText(form, 'slug', MAX_SLUG_LENGTH)} />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              Create organisation
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
