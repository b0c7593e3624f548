/** Telling a person how a change went, in words; a conflict offers to reload. */
import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/client.js';

export function notifySaved(message: string): void {
  notifications.show({ color: 'teal', message });
}

export function notifyError(error: unknown, reload?: () => void): void {
  const conflict = error instanceof ApiError && error.status === 409;
  notifications.show({
    color: 'red',
    title: conflict ? 'Changed by someone else' : 'Not saved',
    message: error instanceof Error ? error.message : String(error),
    autoClose: conflict ? false : 8000,
    ...(conflict && reload ? { onClose: reload } : {}),
  });
}
