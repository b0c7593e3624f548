/** The foot of a form: Cancel, and the button that sends it, busy while it is sent. */
import { Button, Group } from '@mantine/core';

export function FormActions(props: {
  submitLabel: string;
  onCancel: () => void;
  loading?: boolean;
  /** Cancel waits for the answer too (a send that cannot be taken back half-way). */
  lockCancel?: boolean;
}) {
  const loading = props.loading ?? false;
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={props.onCancel} disabled={loading && (props.lockCancel ?? false)}>
        Cancel
      </Button>
      <Button type="submit" loading={loading}>
        {props.submitLabel}
      </Button>
    </Group>
  );
}
