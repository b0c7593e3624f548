/**
 * Report sections of the engagement: the "other information" section (management's approved responses to the
 * exceptions) as a Markdown download, and which responses it gives and leaves out; the engagement's documents as
 * jobs: started, followed while they render, downloaded.
 */
import type { OtherInformationSummary, ReportJob, ReportJobRequest } from '@assay/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { keys } from './keys.js';
import { API_PREFIX } from './paths.js';
import { useScope } from './programme.js';

export type { OtherInformationSummary, ReportJob, ReportJobRequest };

/** How often a job under way is asked about: a few times a document, at most once a second. */
const REPORT_POLL_MS = 1000;

/** The download's address, under the API like every request the app makes (the browser saves it under the server's name). */
export function useOtherInformationDownload(): string {
  return `${API_PREFIX}${useScope().urls.otherInformation}`;
}

export function useOtherInformationSummary() {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.otherInformation(organizationId, engagementId),
    queryFn: () => api<OtherInformationSummary>('GET', urls.otherInformationSummary),
  });
}

const whileRunning = (jobs: readonly ReportJob[] | undefined) => (jobs?.some((job) => job.status === 'running') ? REPORT_POLL_MS : false);

/** The engagement's latest report jobs, newest first, asked again while one of them runs. */
export function useReportJobs() {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.reportJobs(organizationId, engagementId),
    queryFn: async () => (await api<{ items: ReportJob[] }>('GET', urls.reportDocuments)).items,
    refetchInterval: (query) => whileRunning(query.state.data),
  });
}

export function useStartReport() {
  const client = useQueryClient();
  const { organizationId, engagementId, urls } = useScope();
  return useMutation({
    mutationFn: (request: ReportJobRequest) => api<ReportJob>('POST', urls.reportDocuments, request),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.reportJobs(organizationId, engagementId) }),
  });
}

/** The download addresses: a done job's document, and the auditor's package (a zip of the period). */
export function useReportDownloads(): { file: (jobId: string) => string; auditorsPackage: string } {
  const { urls } = useScope();
  return { file: (jobId) => `${API_PREFIX}${urls.reportDocument(jobId)}/file`, auditorsPackage: `${API_PREFIX}${urls.auditorsPackage}` };
}
