/** Telling a person how a change went, in words; a conflict offers to reload; a change that works clears the errors. */
import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/client.js';

export function notifySaved(message: string): void {
  notifications.show({ color: 'teal', message });
}

/** The error toasts on screen: a change that then goes through takes them away (see `clearErrors`). */
const shownErrors = new Set<string>();
let errorCount = 0;

export function notifyError(error: unknown, reload?: () => void): void {
  const conflict = error instanceof ApiError && error.status === 409;
  const id = `error-${(errorCount += 1)}`;
  shownErrors.add(id);
  notifications.show({
    id,
    onClose: () => {
      shownErrors.delete(id);
      if (conflict) reload?.();
    },
    color: 'red',
    title: conflict ? 'Changed by someone else' : 'Not saved',
    message: error instanceof Error ? error.message : String(error),
    autoClose: conflict ? false : 8000,
  });
}

/**
 * Takes away the error toasts once a change went through: the person retried (or did something else that
 * worked), and a "Not saved" left on screen would say what is no longer true.
 */
export function clearErrors(): void {
  for (const id of [...shownErrors]) {
    shownErrors.delete(id);
    notifications.hide(id);
  }
}
