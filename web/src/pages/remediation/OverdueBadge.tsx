/** The in-app reminder: the number of overdue corrective actions beside the navigation entry, when there are any. */
import { Badge } from '@mantine/core';
import { useRemediation } from '../../api/remediation.js';

export function OverdueBadge() {
  const remediation = useRemediation();
  const overdue = remediation.data?.counts.overdue ?? 0;
  if (overdue === 0) return null;
  return (
    <Badge size="sm" color="red" circle={overdue < 10} aria-label={`${overdue} overdue`}>
      {overdue}
    </Badge>
  );
}
