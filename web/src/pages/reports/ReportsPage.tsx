/**
 * Reports of the engagement for other tools: the examination as OSCAL assessment results and the findings as an
 * OSCAL POA&M (downloads), and findings imported from another tool's OSCAL (or NIST's examples).
 */
import { Alert, Anchor, Button, Card, FileInput, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.js';
import { useOscalDownloads, useImportOscal, type OscalImportOutcome } from '../../api/oscal.js';
import { useScope } from '../../api/programme.js';
import { useCan } from '../../components/useRole.js';

type Outcome =
  | { kind: 'created'; outcome: OscalImportOutcome }
  | { kind: 'refused'; message: string; issues: { location: string; message: string }[] };

/** The file's text as JSON, or why it is not. */
async function readDocument(file: File): Promise<{ document: unknown } | { problem: string }> {
  const text = await file.text();
  try {
    return { document: JSON.parse(text) as unknown };
  } catch (error) {
    return { problem: `${file.name} is not JSON: ${(error as Error).message}` };
  }
}

export function ReportsPage() {
  const { organizationId, engagementId } = useScope();
  const downloads = useOscalDownloads();
  const canImport = useCan('finding.manage');
  const importOscal = useImportOscal();
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const send = async () => {
    if (!file) return;
    setOutcome(null);
    const read = await readDocument(file);
    if ('problem' in read) return setOutcome({ kind: 'refused', message: read.problem, issues: [] });
    try {
      setOutcome({ kind: 'created', outcome: await importOscal.mutateAsync(read.document) });
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : null;
      setOutcome({ kind: 'refused', message: problem?.detail ?? (error as Error).message, issues: problem?.issues ?? [] });
    }
  };

  return (
    <Stack>
      <Title order={2}>Reports</Title>
      <Card withBorder>
        <Stack gap="xs">
          <Title order={3}>OSCAL exports</Title>
          <Text size="sm" c="dimmed">
            OSCAL 1.1.3 JSON for GRC tools, the same documents as <code>assay examine --format oscal-ar</code> and <code>oscal-poam</code>.
          </Text>
          <Group>
            <Button component="a" href={downloads.assessmentResults} download variant="light">
              Assessment results
            </Button>
            <Button component="a" href={downloads.poam} download variant="light">
              Plan of action and milestones (POA&amp;M)
            </Button>
          </Group>
        </Stack>
      </Card>
      {canImport && (
        <Card withBorder>
          <Stack gap="xs">
            <Title order={3}>Import OSCAL findings</Title>
            <Text size="sm" c="dimmed">
              Assessment results or a POA&amp;M: each risk or item becomes a finding. All or nothing: a document that is not OSCAL, or
              that repeats a finding already here, adds none.
            </Text>
            <Group align="end">
              <FileInput label="OSCAL document (JSON)" placeholder="Choose a file" accept=".json,application/json" value={file} onChange={setFile} clearable w={360} />
              <Button onClick={() => void send()} disabled={!file} loading={importOscal.isPending}>
                Import
              </Button>
            </Group>
            {outcome?.kind === 'created' && (
              <Alert color="green" title={`Imported ${outcome.outcome.created.length} findings`}>
                <Group gap="xs">
                  {outcome.outcome.created.map((code) => (
                    <Anchor key={code} component={Link} to={`/o/${organizationId}/e/${engagementId}/findings/${encodeURIComponent(code)}`}>
                      {code}
                    </Anchor>
                  ))}
                </Group>
                {outcome.outcome.warnings.length > 0 && (
                  <List size="sm" mt="xs" aria-label="Import warnings">
                    {outcome.outcome.warnings.map((w) => (
                      <List.Item key={w}>{w}</List.Item>
                    ))}
                  </List>
                )}
              </Alert>
            )}
            {outcome?.kind === 'refused' && (
              <Alert color="red" title="Nothing was imported">
                <Text size="sm">{outcome.message}</Text>
                {outcome.issues.length > 0 && (
                  <List size="sm" mt="xs" aria-label="Problems">
                    {outcome.issues.map((i) => (
                      <List.Item key={`${i.location} ${i.message}`}>
                        <code>{i.location}</code>: {i.message}
                      </List.Item>
                    ))}
                  </List>
                )}
              </Alert>
            )}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
