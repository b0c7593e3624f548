/**
 * The page a download link opens (`/trust/<slug>/download#<secret>`): one button that fetches the report,
 * watermarked for the requester, and saves it. When the NDA changed since the requester accepted it, the page
 * shows the new version to accept first. The secret stays in the address fragment, never sent in a URL.
 */
import { Alert, Button, Checkbox, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { useDownloadReport, usePublishedTrustPage } from '../../api/trust.js';
import { NdaText, TrustFrame } from './PublicTrustPage.js';

function save({ name, blob }: { name: string; blob: Blob }) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function TrustDownloadPage() {
  const slug = useParams().slug ?? '';
  const token = useLocation().hash.replace(/^#/, '');
  const page = usePublishedTrustPage(slug);
  const download = useDownloadReport(slug);
  const [accepted, setAccepted] = useState(false);
  const nda = page.data?.nda ?? null;
  const ndaChanged = download.error instanceof ApiError && download.error.status === 409;

  return (
    <TrustFrame>
      <Title order={1}>{page.data ? `${page.data.snapshot.organizationName}: SOC 2 report` : 'SOC 2 report'}</Title>
      {token === '' && <Alert color="red">This address holds no download link: open the link from your e-mail.</Alert>}
      {download.error && (
        <Alert color={ndaChanged ? 'yellow' : 'red'} role="alert">
          {download.error.message}
        </Alert>
      )}
      {download.isSuccess && <Text>The report was downloaded. It is marked with your e-mail address and today’s date.</Text>}
      {ndaChanged && nda && (
        <Stack>
          <NdaText nda={nda} />
          <Checkbox label={`I accept the non-disclosure agreement (version ${nda.version})`} checked={accepted} onChange={(e) => setAccepted(e.currentTarget.checked)} />
        </Stack>
      )}
      <Button
        w="fit-content"
        disabled={token === '' || (ndaChanged && !accepted)}
        loading={download.isPending}
        onClick={() => download.mutate({ token, acceptNdaVersion: ndaChanged && accepted && nda ? nda.version : null }, { onSuccess: save })}
      >
        Download the report
      </Button>
    </TrustFrame>
  );
}
