/**
 * Report sections of the engagement: the "other information" section (management's approved responses to the
 * exceptions) as a Markdown download, and which responses it gives and leaves out.
 */
import type { OtherInformationSummary } from '@assay/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from './client.js';
import { keys } from './keys.js';
import { API_PREFIX } from './paths.js';
import { useScope } from './programme.js';

export type { OtherInformationSummary };

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
