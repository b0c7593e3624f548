/**
 * Reports of the engagement: its documents (the report draft, letters, workpapers …) generated as jobs, the report's "other information" section (management's approved responses, a Markdown
 * download), the examination as OSCAL assessment results and the findings as an OSCAL POA&M (downloads), and
 * findings imported from another tool's OSCAL (or NIST's examples).
 */
import { Alert, Anchor, Badge, Button, Card, FileInput, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { MAX_OSCAL_DOCUMENT_BYTES } from '@assay/contract/limits.js';
import { ApiError } from '../../api/client.js';
import { useOscalDownloads, useImportOscal, type OscalImportOutcome } from '../../api/oscal.js';
import { useScope } from '../../api/programme.js';
import { useOtherInformationDownload, useOtherInformationSummary } from '../../api/reports.js';
import { useCan } from '../../components/useRole.js';
import { engagementRoot, findingPage } from '../../paths.js';
import { ReportDocumentsCard } from './ReportDocumentsCard.js';

type Outcome =
  | { kind: 'created'; outcome: OscalImportOutcome }
  | { kind: 'refused'; message: string; issues: { location: string; message: string }[] };

/** The file's text as JSON, or why it is not (or why it is not sent: larger than the server takes). */
async function readDocument(file: File): Promise<{ document: unknown } | { problem: string }> {
  if (file.size > MAX_OSCAL_DOCUMENT_BYTES) {
    return { problem: `${file.name} is larger than the ${MAX_OSCAL_DOCUMENT_BYTES / 1024 / 1024} MB one import takes: split it` };
  }
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
      <ReportDocumentsCard />
      <OtherInformationCard />
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
                    <Anchor key={code} component={Link} to={findingPage(engagementRoot(organizationId, engagementId), code)}>
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
                {outcome.outcome.warningCount > outcome.outcome.warnings.length && (
                  <Text size="sm" mt="xs">
                    And {outcome.outcome.warningCount - outcome.outcome.warnings.length} more warnings like these.
                  </Text>
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

/** The "other information" section: a download, and how many responses it gives (approved) and leaves out (drafts). */
function OtherInformationCard() {
  const { organizationId, engagementId } = useScope();
  const download = useOtherInformationDownload();
  const summary = useOtherInformationSummary();
  const findingLink = (code: string) => (
    <Anchor key={code} component={Link} to={findingPage(engagementRoot(organizationId, engagementId), code)}>
      {code}
    </Anchor>
  );
  return (
    <Card withBorder component="section" aria-labelledby="other-information-title">
      <Stack gap="xs">
        <Title order={3} id="other-information-title">
          Management responses (other information)
        </Title>
        <Text size="sm" c="dimmed">
          Management&apos;s response to each exception, as the report&apos;s other information section gives it (Markdown). Only approved
          responses are in it; drafts are counted in a note. The same section ends <code>assay examine --format markdown</code>.
        </Text>
        {summary.isError && <Alert color="red">The responses could not be counted: {summary.error.message}</Alert>}
        {summary.data && (
          <Group gap="xs">
            <Badge color="green" variant="light">{`${summary.data.approved.length} approved`}</Badge>
            <Badge color={summary.data.drafts.length > 0 ? 'yellow' : 'gray'} variant="light">{`${summary.data.drafts.length} ${summary.data.drafts.length === 1 ? 'draft' : 'drafts'}`}</Badge>
            {summary.data.drafts.length > 0 && (
              <Text size="sm" component="span">
                Awaiting approval: <Group gap={6} component="span" display="inline-flex">{summary.data.drafts.map(findingLink)}</Group>
              </Text>
            )}
          </Group>
        )}
        <Group>
          <Button component="a" href={download} download variant="light">
            Other information (Markdown)
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
