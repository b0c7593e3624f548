/**
 * The evidence store and the evidence requests: the records (filtered), uploads with their progress, superseding
 * and deleting; the request board, asking, answering and deciding. One key for both: an answer names records.
 */
import type { AskRequestInput, Evidence, EvidenceRequestBody, Paged, RequestBoardBody } from '@assay/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, getCsrfToken } from './client.js';
import { keys } from './keys.js';
import { API_PREFIX, withQuery } from './paths.js';
import { useScope } from './programme.js';

export type { Evidence, EvidenceRequestBody as EvidenceRequest };

/** The list's filters: a control, a period the evidence overlaps, which records. */
export interface EvidenceFilters {
  control?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  state?: 'current' | 'superseded' | 'deleted' | 'all' | undefined;
}

export function useEvidence(filters: EvidenceFilters) {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: [...keys.evidence(organizationId, engagementId), 'list', filters],
    queryFn: () => api<Paged<Evidence>>('GET', withQuery(urls.evidence, { limit: 1000, ...filters })),
    enabled: engagementId !== '',
  });
}

/**
 * Sends files as one multipart upload, fields first, reporting the share sent (0 to 1): XMLHttpRequest, since
 * fetch reports no upload progress.
 */
function send<T>(path: string, fields: [string, string][], files: File[], onProgress: (share: number) => void): Promise<T> {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  for (const file of files) form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${API_PREFIX}${path}`);
    request.setRequestHeader('accept', 'application/json');
    const csrf = getCsrfToken();
    if (csrf) request.setRequestHeader('x-csrf-token', csrf);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      const json: unknown = request.responseText ? JSON.parse(request.responseText) : null;
      if (request.status >= 200 && request.status < 300) resolve(json as T);
      else reject(new ApiError(request.status, json as ConstructorParameters<typeof ApiError>[1]));
    };
    request.onerror = () => reject(new ApiError(0, null));
    request.send(form);
  });
}

export interface UploadInput {
  files: File[];
  controls: string[];
  coversFrom: string | null;
  coversTo: string | null;
}

export function useUploadEvidence(onProgress: (share: number) => void) {
  const client = useQueryClient();
  const { organizationId, engagementId, urls } = useScope();
  return useMutation({
    mutationFn: (input: UploadInput) => {
      const fields: [string, string][] = input.controls.map((c) => ['controls', c]);
      if (input.coversFrom) fields.push(['coversFrom', input.coversFrom]);
      if (input.coversTo) fields.push(['coversTo', input.coversTo]);
      return send<{ evidence: Evidence[] }>(urls.evidence, fields, input.files, onProgress);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: keys.evidence(organizationId, engagementId) }),
  });
}

export function useSupersedeEvidence() {
  const client = useQueryClient();
  const { organizationId, engagementId, urls } = useScope();
  return useMutation({
    mutationFn: (input: { record: Evidence; file: File }) => send<Evidence>(`${urls.evidenceRecord(input.record.id)}/supersede`, [['version', String(input.record.version)]], [input.file], () => undefined),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.evidence(organizationId, engagementId) }),
  });
}

export function useRequestBoard() {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: [...keys.evidence(organizationId, engagementId), 'requests'],
    queryFn: () => api<RequestBoardBody>('GET', urls.evidenceRequests),
    enabled: engagementId !== '',
  });
}

/** Asks, answers or decides: every step moves the board. */
function useRequestStep<I>(request: (urls: ReturnType<typeof useScope>['urls'], input: I) => Promise<EvidenceRequestBody>) {
  const client = useQueryClient();
  const { organizationId, engagementId, urls } = useScope();
  return useMutation({
    mutationFn: (input: I) => request(urls, input),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.evidence(organizationId, engagementId) }),
  });
}

export const useAskRequest = () => useRequestStep((urls, input: AskRequestInput) => api('POST', urls.evidenceRequests, input));
export const useAnswerRequest = () =>
  useRequestStep((urls, input: { request: EvidenceRequestBody; evidence: string[]; comment: string | null }) =>
    api('POST', `${urls.evidenceRequest(input.request.id)}/answer`, { version: input.request.version, evidence: input.evidence, comment: input.comment }),
  );
export const useDecideRequest = () =>
  useRequestStep((urls, input: { request: EvidenceRequestBody; decision: 'accept' | 'return'; reason: string | null }) =>
    api('POST', `${urls.evidenceRequest(input.request.id)}/decision`, { version: input.request.version, decision: input.decision, reason: input.reason }),
  );
