/** Asks before an action that cannot be undone (revoking a token, removing a member, drafting a response again). */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { notifySaved } from './notify.js';

export function ConfirmDialog(props: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  loading?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onCancel} title={props.title} centered>
      <Stack>
        <Text size="sm" component="div">
          {props.children}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button color="red" loading={props.loading ?? false} onClick={props.onConfirm} data-autofocus>
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

interface Callbacks {
  onSuccess: () => void;
  onError: (error: Error) => void;
  onSettled: () => void;
}

/**
 * An action on one item that a {@link ConfirmDialog} asks about first: the item being asked about, the dialog's
 * opened/cancel/confirm props, a notification once done, and the refusal handed to `onFailure` (null: cleared).
 */
export function useConfirmed<T>(options: { run: (item: T, callbacks: Callbacks) => void; done: (item: T) => string; onFailure: (message: string | null) => void }) {
  const [item, setItem] = useState<T | null>(null);
  return {
    item,
    ask: (next: T) => setItem(next),
    dialog: {
      opened: item !== null,
      onCancel: () => setItem(null),
      onConfirm: () => {
        if (item === null) return;
        options.onFailure(null);
        options.run(item, {
          onSuccess: () => notifySaved(options.done(item)),
          onError: (error) => options.onFailure(error.message),
          onSettled: () => setItem(null),
        });
      },
    },
  };
}
