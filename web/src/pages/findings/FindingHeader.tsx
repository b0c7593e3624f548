/** Which finding this is: its code and title, status, source, and the control and criteria it concerns. */
import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { Finding } from '../../api/findings.js';
import { FindingStatusBadge } from './FindingStatusBadge.js';
import { controlPage, sectionPage } from '../../paths.js';
import { criteriaHref } from '../criteria/filters.js';
import { statusLabel } from '../../labels.js';

export function FindingHeader({ finding, root }: { finding: Finding; root: string }) {
  return (
    <Stack gap="xs">
      <Breadcrumbs>
        <Anchor component={Link} to={sectionPage(root, 'findings')}>
          Findings
        </Anchor>
        <span>{finding.code}</span>
      </Breadcrumbs>
      <Group gap="sm">
        <Title order={1} size="h2">
          {finding.code} · {finding.title}
        </Title>
        <FindingStatusBadge status={finding.status} size="lg" />
      </Group>
      <Group gap="lg">
        <Text size="sm">
          <Text span c="dimmed">
            Source:{' '}
          </Text>
          {statusLabel(finding.source)}
        </Text>
        <Text size="sm">
          <Text span c="dimmed">
            Control:{' '}
          </Text>
          {finding.control === null ? (
            'none'
          ) : (
            <Anchor component={Link} to={controlPage(root, finding.control)}>
              {finding.control}
            </Anchor>
          )}
        </Text>
        <Text size="sm" component="div">
          <Text span c="dimmed">
            Criteria:{' '}
          </Text>
          {finding.criteria.map((criterion, i) => (
            <span key={criterion}>
              {i > 0 && ', '}
              <Anchor component={Link} to={criteriaHref(root, { query: criterion })}>
                {criterion}
              </Anchor>
            </span>
          ))}
        </Text>
        {finding.identifiedOn && (
          <Text size="sm">
            <Text span c="dimmed">
              Identified on:{' '}
            </Text>
            {finding.identifiedOn}
          </Text>
        )}
      </Group>
      {finding.description && <Text>{finding.description}</Text>}
    </Stack>
  );
}
