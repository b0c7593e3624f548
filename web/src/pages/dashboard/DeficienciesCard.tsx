/** Deficiencies by severity, and the material weaknesses and significant deficiencies with their controls. */
import { Anchor, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { SEVERITIES, type Severity } from '@assay/domain/evaluation/result.js';
import type { Deficiency, ExaminationResult } from '../../api/types.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { criteriaHref } from '../criteria/filters.js';
import { countBySeverity, seriousDeficiencies } from './deficiencies.js';
import { controlPage } from '../../paths.js';

/** How many serious deficiencies to list before offering the rest. */
const SHOWN = 8;

const HEADINGS: Partial<Record<Severity, string>> = {
  material_weakness: 'Material weaknesses',
  significant_deficiency: 'Significant deficiencies',
};

function CriterionLinks({ ids, root }: { ids: string[]; root: string }) {
  return ids.map((id, index) => (
    <span key={id}>
      {index > 0 && ', '}
      <Anchor component={Link} to={criteriaHref(root, { query: id })} size="sm">
        {id}
      </Anchor>
    </span>
  ));
}

function DeficiencyItem({ deficiency, root }: { deficiency: Deficiency; root: string }) {
  const notMet = deficiency.criteriaNotMet.length > 0;
  return (
    <List.Item>
      {deficiency.control ? (
        <Anchor component={Link} to={controlPage(root, deficiency.control)} size="sm" fw={600}>
          {deficiency.control}
        </Anchor>
      ) : (
        <Text span size="sm" fw={600}>
          No control
        </Text>
      )}
      <Text span size="sm">
        {' '}
        ({deficiency.kind}): {notMet ? 'leaves ' : 'affects '}
      </Text>
      <CriterionLinks ids={notMet ? deficiency.criteriaNotMet : deficiency.criteria} root={root} />
      {notMet && (
        <Text span size="sm">
          {' '}
          not met
        </Text>
      )}
    </List.Item>
  );
}

export function DeficienciesCard({ result, root }: { result: ExaminationResult; root: string }) {
  const headingId = useId();
  const [showAll, setShowAll] = useState(false);
  const counts = countBySeverity(result.deficiencies);
  const serious = seriousDeficiencies(result.deficiencies);
  const shown = showAll ? serious : serious.slice(0, SHOWN);
  const mostSevereFirst = [...SEVERITIES].reverse();

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId} h="100%">
      <Stack gap="md">
        <Title order={2} size="h3" id={headingId}>
          Deficiencies
        </Title>
        <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Deficiencies by severity">
          {mostSevereFirst.map((severity) => (
            <Group key={severity} component="li" justify="space-between" wrap="nowrap">
              <StatusBadge value={severity} />
              <Text fw={700} size="lg">
                {counts[severity]}
              </Text>
            </Group>
          ))}
        </Stack>
        {serious.length === 0 ? (
          <Text size="sm" c="dimmed">
            No material weakness or significant deficiency.
            {result.deficiencies.length > 0 && ' The deficiencies found leave every criterion met.'}
          </Text>
        ) : (
          mostSevereFirst
            .filter((severity) => HEADINGS[severity] && shown.some((d) => d.severity === severity))
            .map((severity) => (
              <Stack key={severity} gap={4}>
                <Title order={3} size="h5">
                  {HEADINGS[severity]}
                </Title>
                <List size="sm" spacing={4}>
                  {shown
                    .filter((d) => d.severity === severity)
                    .map((deficiency) => (
                      <DeficiencyItem
                        key={`${deficiency.control ?? ''}:${deficiency.criteria.join(',')}`}
                        deficiency={deficiency}
                        root={root}
                      />
                    ))}
                </List>
              </Stack>
            ))
        )}
        {serious.length > SHOWN && (
          <Button variant="subtle" size="xs" onClick={() => setShowAll((all) => !all)} aria-expanded={showAll}>
            {showAll ? 'Show fewer' : `Show all ${serious.length}`}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
