/**
 * The organisation's own settings: the locale every member reads and types dates in. An admin chooses it; the
 * others see which it is.
 */
import { Select, Stack, Text } from '@mantine/core';
import { isLocale, LOCALES } from '@assay/domain/locales.js';
import { useScope } from '../../api/programme.js';
import { useOrganizations } from '../../api/session.js';
import { useUpdateOrganization } from '../../api/settings.js';
import { saving } from '../../components/saving.js';
import { useCan } from '../../components/useRole.js';
import { localeLabel } from '../../labels.js';
import { typedExampleIn } from '../../dates.js';

const LOCALE_CHOICES = LOCALES.map((locale) => ({ value: locale, label: `${localeLabel(locale)}: ${typedExampleIn(locale)}` }));

export function OrganizationPanel() {
  const { organizationId } = useScope();
  const organization = useOrganizations().data?.find((o) => o.id === organizationId);
  const canChange = useCan('organization.update');
  const update = useUpdateOrganization(organizationId);
  if (!organization) return null;
  return (
    <Stack maw={520}>
      <Select
        label="Dates"
        description="How every member reads and types dates in this organisation, whatever their browser's language"
        data={LOCALE_CHOICES}
        value={organization.locale}
        allowDeselect={false}
        disabled={!canChange || update.isPending}
        onChange={(locale) => {
          if (locale === null || !isLocale(locale) || locale === organization.locale) return;
          saving(update.mutateAsync({ version: organization.version, locale }), `Dates are now written as in ${localeLabel(locale)}`).catch(() => undefined);
        }}
      />
      {!canChange && (
        <Text size="sm" c="dimmed">
          An admin chooses how dates are written.
        </Text>
      )}
    </Stack>
  );
}
