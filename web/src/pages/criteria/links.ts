/** Addresses of an engagement's pages, for links from the dashboard and the criteria matrix. */
import { useScope } from '../../api/programme.js';

/** `/o/:organizationId/e/:engagementId`, the root every engagement page lives under. */
export function useEngagementRoot(): string {
  const { organizationId, engagementId } = useScope();
  return `/o/${encodeURIComponent(organizationId)}/e/${encodeURIComponent(engagementId)}`;
}

export function controlHref(root: string, controlId: string): string {
  return `${root}/controls/${encodeURIComponent(controlId)}`;
}
