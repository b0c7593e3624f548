/**
 * Deficiencies by severity, what to fix first (each deficient control's fix ranked by the opinion the engine then
 * forecasts), and the material weaknesses and significant deficiencies with their controls.
 */
import { Anchor, Button, Card, Group, List, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { SEVERITIES, type Severity } from '@assay/domain/evaluation/result.js';
import type { Deficiency, ExaminationResult } from '../../api/types.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { criteriaHref } from '../criteria/filters.js';
import { useWhatIf, type FixRanking } from '../../api/dashboard.js';
import { countBySeverity, fixAction, opinionEffect, seriousDeficiencies, stillUntested } from './deficiencies.js';
import { controlPage } from '../../paths.js';
import { counted } from '@assay/domain/words.js';
import { statusLabel } from '../../labels.js';

/** How many serious deficiencies to list before offering the rest. */
const SHOWN = 8;
/** How many fixes to list before offering the rest: the first few are what to do next. */
const FIXES_SHOWN = 3;

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
        ({statusLabel(deficiency.kind)}): {notMet ? 'leaves ' : 'affects '}
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

function FixItem({ fix, current, root }: { fix: FixRanking['fixes'][number]; current: FixRanking['opinion']; root: string }) {
  const untested = stillUntested(fix);
  return (
    <List.Item>
      <Text span size="sm">
        {'Fix '}
        <Anchor component={Link} to={controlPage(root, fix.control)} size="sm" fw={600}>
          {fix.control}
        </Anchor>
        {` (${fixAction(fix)}) and ${opinionEffect(current, fix.opinion)}`}
        {fix.restores.length > 0 ? (
          <>
            {'; it restores '}
            <CriterionLinks ids={fix.restores} root={root} />.
          </>
        ) : (
          '; it restores no criterion on its own.'
        )}
        {untested.length > 0 && ` ${untested.join(', ')} would then be unable to conclude: another key control needs a test.`}
      </Text>
    </List.Item>
  );
}

/** The engine's what-if for each deficient control, best first; the first few, and the rest on request. */
function WhatToFixFirst({ root }: { root: string }) {
  const whatIf = useWhatIf();
  const [showAll, setShowAll] = useState(false);
  if (whatIf.isPending) return <Skeleton height={48} aria-label="Loading what to fix first" />;
  if (whatIf.isError) {
    return (
      <Text size="sm" c="red">
        What to fix first could not be worked out: {whatIf.error.message}
      </Text>
    );
  }
  const { opinion, fixes } = whatIf.data;
  if (fixes.length === 0) return null;
  const shown = showAll ? fixes : fixes.slice(0, FIXES_SHOWN);
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        What to fix first
      </Title>
      <List type="ordered" size="sm" spacing={4} aria-label="Fixes ranked by their effect on the opinion">
        {shown.map((fix) => (
          <FixItem key={fix.control} fix={fix} current={opinion} root={root} />
        ))}
      </List>
      {fixes.length > FIXES_SHOWN && (
        <Button variant="subtle" size="xs" onClick={() => setShowAll((all) => !all)} aria-expanded={showAll}>
          {showAll ? 'Show fewer fixes' : `Show all ${counted(fixes.length, 'fix')}`}
        </Button>
      )}
    </Stack>
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
        <WhatToFixFirst root={root} />
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
