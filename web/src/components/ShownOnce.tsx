/**
 * A secret the server returns once (an API token, an invitation link): shown in a dialog to copy, with why it
 * cannot be shown again. "Done" is the caller's cue to forget it.
 */
import { Alert, Button, CopyButton, Group, Modal, Stack, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';

export function ShownOnce(props: { title: string; label: string; value: string | null; copyLabel: string; onDone: () => void; children: ReactNode }) {
  return (
    <Modal opened={props.value !== null} onClose={props.onDone} title={props.title} centered closeOnClickOutside={false}>
      {props.value !== null && (
        <Stack>
          <Alert color="yellow" title="Shown this once">
            {props.children}
          </Alert>
          <TextInput label={props.label} value={props.value} readOnly onFocus={(e) => e.currentTarget.select()} />
          <Group justify="flex-end">
            <CopyButton value={props.value}>
              {({ copied, copy }) => (
                <Button variant="light" color={copied ? 'teal' : undefined} onClick={copy}>
                  {copied ? 'Copied' : props.copyLabel}
                </Button>
              )}
            </CopyButton>
            <Button onClick={props.onDone}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
