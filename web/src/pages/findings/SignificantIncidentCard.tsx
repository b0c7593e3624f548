/**
 * Whether the finding is a significant incident the system description must disclose (DC4): management marks it;
 * once marked and not disclosed, the description opinion is qualified and the description page says so.
 */
import { Anchor, Switch, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useMarkIncident } from '../../api/description.js';
import type { Finding } from '../../api/findings.js';
import { SectionCard } from '../../components/SectionCard.js';
import { notifyError } from '../../components/notify.js';
import { useCan } from '../../components/useRole.js';
import { sectionPage } from '../../paths.js';

export function SignificantIncidentCard({ finding, root, reload }: { finding: Finding; root: string; reload: () => void }) {
  const canMark = useCan('description.edit');
  const mark = useMarkIncident();
  const marked = finding.significantIncident === true;
  return (
    <SectionCard title="Significant incident">
      <Switch
        label="A significant incident the system description must disclose"
        checked={marked}
        disabled={!canMark || mark.isPending}
        onChange={(e) =>
          mark.mutate(
            { code: finding.code, version: finding.version, significantIncident: e.currentTarget.checked },
            { onSuccess: reload, onError: (error) => notifyError(error, reload) },
          )
        }
      />
      <Text size="sm" c="dimmed">
        {marked ? 'Until the description discloses it, the description opinion is qualified. ' : ''}
        <Anchor component={Link} to={sectionPage(root, 'description')}>
          Open the system description
        </Anchor>
      </Text>
    </SectionCard>
  );
}
