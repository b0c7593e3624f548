/** Which finding this is: its code and title, status, source, and the control and criteria it concerns. */
import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { Finding } from '../../api/findings.js';
import { FindingStatusBadge } from './FindingStatusBadge.js';
import { controlPage } from '../../paths.js';
import { criteriaHref } from '../criteria/filters.js';
import { statusLabel } from '../../labels.js';
import { formatDate } from '../../dates.js';
import { Labelled } from '../../components/Labelled.js';
import { SectionTrail } from '../../components/SectionTrail.js';

export function FindingHeader({ finding, root }: { finding: Finding; root: string }) {
  return (
    <Stack gap="xs">
      <SectionTrail root={root} section="findings" sectionTitle="Findings" item={finding.code} />
      <Group gap="sm">
        <Title order={1} size="h2">
          {finding.code} · {finding.title}
        </Title>
        <FindingStatusBadge status={finding.status} size="lg" />
      </Group>
      <Group gap="lg">
        <Labelled label="Source">
          {statusLabel(finding.source)}
        </Labelled>
        <Labelled label="Control">
          {finding.control === null ? (
            'none'
          ) : (
            <Anchor component={Link} to={controlPage(root, finding.control)}>
              {finding.control}
            </Anchor>
          )}
        </Labelled>
        <Labelled label="Criteria">
          {finding.criteria.map((criterion, i) => (
            <span key={criterion}>
              {i > 0 && ', '}
              <Anchor component={Link} to={criteriaHref(root, { query: criterion })}>
                {criterion}
              </Anchor>
            </span>
          ))}
        </Labelled>
        {finding.identifiedOn && (
          <Labelled label="Identified on">
            {formatDate(finding.identifiedOn)}
          </Labelled>
        )}
      </Group>
      {finding.description && <Text>{finding.description}</Text>}
    </Stack>
  );
}
