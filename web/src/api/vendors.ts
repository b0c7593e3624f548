/** The vendors: inventory, SOC 2 reports, and the risks those raise (the register is refreshed with them). */
import type { RecordedReport, VendorBody, VendorList, VendorListItem, VendorReportBody } from '@assay/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { keys } from './keys.js';
import { useScope } from './programme.js';

export type { VendorBody, VendorListItem, VendorReportBody };

export function useVendors() {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({ queryKey: keys.vendors(organizationId, engagementId), queryFn: () => api<VendorList>('GET', urls.vendors), enabled: Boolean(organizationId && engagementId) });
}

/** A change of vendors can raise risks: the vendors and the register are brought up to date together. */
function useVendorChange<T, R>(send: (urls: ReturnType<typeof useScope>['urls'], input: T) => Promise<R>) {
  const client = useQueryClient();
  const { organizationId, engagementId, urls } = useScope();
  return useMutation({
    mutationFn: (input: T) => send(urls, input),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.vendors(organizationId, engagementId) }),
        client.invalidateQueries({ queryKey: keys.risks(organizationId, engagementId) }),
      ]),
  });
}

export const useAddVendor = () => useVendorChange((urls, body: VendorBody) => api<unknown>('POST', urls.vendors, body));
export const useRecordReport = () =>
  useVendorChange((urls, input: { vendor: string; body: VendorReportBody }) => api<RecordedReport>('POST', urls.vendorReports(input.vendor), input.body));
/** Reports expire with time, not with a change: a look as of today raises the risks that has made due. */
export const useAssessVendors = () => useVendorChange<void, { raised: string[] }>((urls) => api('POST', `${urls.vendors}/assess`));
