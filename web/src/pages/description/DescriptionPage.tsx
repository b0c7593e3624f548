/**
 * The system description of the engagement (DC1–DC9): its warnings first, each leading to where it is fixed, then
 * every section. Management (compliance, admin) edits it and saves it whole at the version read; everyone else
 * reads it. An undisclosed significant incident qualifies the description opinion until it is disclosed here.
 */
import { Alert, Anchor, Badge, Button, Group, List, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { MAX_DESCRIPTION_SECTION_LENGTH, MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from '@assay/contract/limits.js';
import { COMPONENT_KINDS } from '@assay/domain/description/model.js';
import { counted } from '@assay/domain/words.js';
import { useDescription, useSaveDescription, type DescriptionView, type DescriptionWarningView } from '../../api/description.js';
import { DateField } from '../../components/DateField.js';
import { PageHeading } from '../../components/PageHeading.js';
import { pageFallback } from '../../components/QueryFallback.js';
import { SectionCard } from '../../components/SectionCard.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { textLimit } from '../../components/text-limit.js';
import { useCan } from '../../components/useRole.js';
import { statusLabel } from '../../labels.js';
import { criteriaPage, findingPage, useEngagementRoot } from '../../paths.js';
import { descriptionOf, draftOf, withItem, type DescriptionDraft } from './draft.js';

const anchor = (section: string) => `description-${section}`;
const capital = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

export function DescriptionPage() {
  const description = useDescription();
  const fallback = pageFallback(description, { loading: 'Loading the system description', failed: 'The system description could not be loaded' });
  return (
    <Stack gap="lg">
      <PageHeading title="System description">
        Management&apos;s description of the system (description criteria DC1 to DC9). A significant incident it does not disclose is a
        misstatement: the description opinion is then qualified.
      </PageHeading>
      {fallback}
      {/* Keyed by the version, so a save (or someone else's) starts the form from what is recorded. */}
      {description.data && <DescriptionForm key={description.data.version} view={description.data} />}
    </Stack>
  );
}

function DescriptionForm({ view }: { view: DescriptionView }) {
  const root = useEngagementRoot();
  const canEdit = useCan('description.edit');
  const save = useSaveDescription();
  const [draft, setDraft] = useState<DescriptionDraft>(() => draftOf(view.description));
  const set = (change: Partial<DescriptionDraft>) => setDraft((d) => ({ ...d, ...change }));
  const disclose = (finding: string, title: string) => set({ incidents: [...draft.incidents, { finding, date: '', text: title }] });
  const submit = () =>
    save.mutate(
      { version: view.version, description: descriptionOf(draft) },
      { onSuccess: () => notifySaved('System description saved'), onError: (error) => notifyError(error) },
    );

  return (
    <Stack gap="lg">
      <Group gap="sm">
        <Text>Description opinion (forecast):</Text>
        <Badge color={view.opinion === 'unmodified' ? 'green' : 'red'} data-testid="description-opinion">
          {statusLabel(view.opinion)}
        </Badge>
        <Text size="sm" c="dimmed">
          {view.recorded ? `Version ${view.version}, last edited by ${view.updatedBy ?? 'unknown'}.` : 'Not recorded yet: the forecast judges no description.'}
        </Text>
      </Group>
      <Warnings warnings={view.warnings} root={root} canEdit={canEdit} disclose={disclose} incidents={view.incidents} />

      <SectionCard title="Services provided (DC1)">
        <div id={anchor('services')} />
        <Textarea label="Services" autosize minRows={3} readOnly={!canEdit} value={draft.services} onChange={(e) => set({ services: e.currentTarget.value })} {...textLimit(draft.services, MAX_DESCRIPTION_SECTION_LENGTH)} />
      </SectionCard>

      <SectionCard title="Principal service commitments and system requirements (DC2)">
        <div id={anchor('commitments')} />
        <Textarea label="Commitments and requirements, one a line" autosize minRows={3} readOnly={!canEdit} value={draft.commitments} onChange={(e) => set({ commitments: e.currentTarget.value })} {...textLimit(draft.commitments, MAX_DESCRIPTION_SECTION_LENGTH)} />
      </SectionCard>

      <SectionCard title="Components of the system (DC3)">
        <div id={anchor('components')} />
        {COMPONENT_KINDS.map((kind) => (
          <Textarea
            key={kind}
            label={capital(kind)}
            autosize
            minRows={2}
            readOnly={!canEdit}
            value={draft.components[kind]}
            onChange={(e) => set({ components: { ...draft.components, [kind]: e.currentTarget.value } })}
            {...textLimit(draft.components[kind], MAX_DESCRIPTION_SECTION_LENGTH)}
          />
        ))}
      </SectionCard>

      <SectionCard title="Significant incidents (DC4)">
        <div id={anchor('incidents')} />
        {draft.incidents.length === 0 && <Text size="sm">None disclosed.</Text>}
        {draft.incidents.map((incident, i) => {
          const change = (patch: Partial<typeof incident>) => set({ incidents: withItem(draft.incidents, i, patch) });
          return (
            <Group key={i} align="flex-end" wrap="wrap">
              <TextInput label="Finding" w={140} readOnly={!canEdit} value={incident.finding} onChange={(e) => change({ finding: e.currentTarget.value })} {...textLimit(incident.finding, MAX_NAME_LENGTH)} />
              <DateField label="Date" w={150} readOnly={!canEdit} value={incident.date} onChange={(date) => change({ date })} />
              <Textarea label="Incident" style={{ flex: 1 }} autosize readOnly={!canEdit} value={incident.text} onChange={(e) => change({ text: e.currentTarget.value })} {...textLimit(incident.text, MAX_TEXT_LENGTH)} />
              {canEdit && (
                <Button variant="subtle" color="red" onClick={() => set({ incidents: draft.incidents.filter((_, j) => j !== i) })}>
                  Remove
                </Button>
              )}
            </Group>
          );
        })}
        {canEdit && (
          <Group>
            <Button variant="light" onClick={() => set({ incidents: [...draft.incidents, { finding: '', date: '', text: '' }] })}>
              Add an incident
            </Button>
          </Group>
        )}
      </SectionCard>

      <SectionCard title="Significant changes (DC9)">
        <div id={anchor('changes')} />
        <Textarea label="Changes during the period, one a line" autosize minRows={2} readOnly={!canEdit} value={draft.changes} onChange={(e) => set({ changes: e.currentTarget.value })} {...textLimit(draft.changes, MAX_DESCRIPTION_SECTION_LENGTH)} />
      </SectionCard>

      <SectionCard title="Subservice organisations and CSOCs (DC7)">
        <div id={anchor('subservice_organizations')} />
        {draft.organizations.map((org, i) => {
          const change = (patch: Partial<typeof org>) => set({ organizations: withItem(draft.organizations, i, patch) });
          return (
            <Stack key={i} gap="xs">
              <Group align="flex-end">
                <TextInput label="Organisation" readOnly={!canEdit} value={org.name} onChange={(e) => change({ name: e.currentTarget.value })} {...textLimit(org.name, MAX_NAME_LENGTH)} />
                <TextInput label="Services it provides" style={{ flex: 1 }} readOnly={!canEdit} value={org.services} onChange={(e) => change({ services: e.currentTarget.value })} {...textLimit(org.services, MAX_TEXT_LENGTH)} />
                <Select
                  label="Method"
                  w={140}
                  readOnly={!canEdit}
                  allowDeselect={false}
                  data={[
                    { value: 'carve_out', label: 'carve-out' },
                    { value: 'inclusive', label: 'inclusive' },
                  ]}
                  value={org.method}
                  onChange={(method) => change({ method: method === 'inclusive' ? 'inclusive' : 'carve_out' })}
                />
              </Group>
              <Textarea
                label={`CSOCs assumed of ${org.name || 'it'}, one a line, criteria in brackets: Physical access is restricted [CC6.4]`}
                autosize
                readOnly={!canEdit}
                value={org.csocs}
                onChange={(e) => change({ csocs: e.currentTarget.value })}
                {...textLimit(org.csocs, MAX_DESCRIPTION_SECTION_LENGTH)}
              />
            </Stack>
          );
        })}
        {canEdit && (
          <Group>
            <Button variant="light" onClick={() => set({ organizations: [...draft.organizations, { name: '', services: '', method: 'carve_out', csocs: '' }] })}>
              Add a subservice organisation
            </Button>
          </Group>
        )}
      </SectionCard>

      <SectionCard title="Complementary user entity controls (DC6)">
        <div id={anchor('user_entity_controls')} />
        <Textarea
          label="Controls expected of customers, one a line, criteria in brackets: Customers remove their leavers [CC6.2]"
          autosize
          minRows={3}
          readOnly={!canEdit}
          value={draft.userEntityControls}
          onChange={(e) => set({ userEntityControls: e.currentTarget.value })}
          {...textLimit(draft.userEntityControls, MAX_DESCRIPTION_SECTION_LENGTH)}
        />
      </SectionCard>

      <SectionCard title="Criteria not applicable (DC8)">
        <div id={anchor('not_applicable')} />
        {view.notApplicable.length === 0 ? (
          <Text size="sm">Every criterion of the chosen categories applies.</Text>
        ) : (
          <List size="sm">
            {view.notApplicable.map((na) => (
              <List.Item key={na.criterion}>
                <Anchor component={Link} to={criteriaPage(root, na.criterion)}>
                  {na.criterion}
                </Anchor>
                : {na.reason || 'no reason given'}
              </List.Item>
            ))}
          </List>
        )}
      </SectionCard>

      {canEdit && (
        <Group>
          <Button onClick={submit} loading={save.isPending}>
            Save the description
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** The warnings at the top, each with where to fix it: the section below, the criteria page, or the finding. */
function Warnings(props: {
  warnings: DescriptionWarningView[];
  incidents: DescriptionView['incidents'];
  root: string;
  canEdit: boolean;
  disclose: (finding: string, title: string) => void;
}) {
  const { warnings, incidents, root, canEdit, disclose } = props;
  if (warnings.length === 0) {
    return (
      <Alert color="green" title="The description is complete">
        Every required section is written and every significant incident found is disclosed.
      </Alert>
    );
  }
  return (
    <Alert color="orange" title={`${counted(warnings.length, 'warning')} on the description`} data-testid="description-warnings">
      <List size="sm" spacing="xs">
        {warnings.map((w) => (
          <List.Item key={`${w.kind} ${w.section} ${w.item ?? ''}`}>
            {w.message}{' '}
            {w.kind === 'not_applicable_without_reason' ? (
              <Anchor component={Link} to={criteriaPage(root, w.item ?? '')}>
                Give the reason on the criteria page
              </Anchor>
            ) : w.kind === 'undisclosed_incident' && w.item !== null ? (
              <>
                <Anchor component={Link} to={findingPage(root, w.item)}>
                  Open {w.item}
                </Anchor>
                {canEdit && (
                  <Button size="compact-xs" variant="light" ml="xs" onClick={() => disclose(w.item ?? '', incidents.find((i) => i.finding === w.item)?.title ?? '')}>
                    Disclose {w.item}
                  </Button>
                )}
              </>
            ) : (
              <Anchor href={`#${anchor(w.section)}`}>Go to {statusLabel(w.section)}</Anchor>
            )}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
