/**
 * OSCAL of the engagement: the addresses of its assessment results and POA&M (plain downloads, which the browser
 * saves under the server's file name), and findings imported from an OSCAL document.
 */
import type { OscalImportOutcome } from '@assay/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { reloadFindings } from './findings.js';
import { API_PREFIX } from './paths.js';
import { useScope } from './programme.js';

export type { OscalImportOutcome };

/** The download addresses, under the API like every request the app makes. */
export function useOscalDownloads(): { assessmentResults: string; poam: string } {
  const { urls } = useScope();
  return { assessmentResults: `${API_PREFIX}${urls.assessmentResults}`, poam: `${API_PREFIX}${urls.poam}` };
}

/** Sends a parsed OSCAL document; the new findings then show wherever findings are listed. */
export function useImportOscal() {
  const client = useQueryClient();
  const { organizationId, engagementId, urls } = useScope();
  return useMutation({
    mutationFn: (document: unknown) => api<OscalImportOutcome>('POST', urls.findingsImport, document),
    onSuccess: () => reloadFindings(client, organizationId, engagementId),
  });
}
