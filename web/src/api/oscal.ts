/**
 * OSCAL of the engagement: the addresses of its assessment results and POA&M (plain downloads, which the browser
 * saves under the server's file name), and findings imported from an OSCAL document.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { reloadFindings } from './findings.js';
import { useScope } from './programme.js';

/** What `POST …/findings/import-oscal` answers (201). */
export interface OscalImportOutcome {
  created: string[];
  rootCauses: string[];
  /** The first warnings (at most 100). */
  warnings: string[];
  /** How many there were in all. */
  warningCount: number;
}

/** The download addresses, under /api/v1 like every request the app makes. */
export function useOscalDownloads(): { assessmentResults: string; poam: string } {
  const { base } = useScope();
  return { assessmentResults: `/api/v1${base}/oscal/assessment-results`, poam: `/api/v1${base}/oscal/poam` };
}

/** Sends a parsed OSCAL document; the new findings then show wherever findings are listed. */
export function useImportOscal() {
  const client = useQueryClient();
  const { organizationId, engagementId, base } = useScope();
  return useMutation({
    mutationFn: (document: unknown) => api<OscalImportOutcome>('POST', `${base}/findings/import-oscal`, document),
    onSuccess: () => reloadFindings(client, organizationId, engagementId),
  });
}
