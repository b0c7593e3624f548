/** How the forms tell a person how a change went: saved in words, or why not (a conflict offers a reload). */
import { notifyError, notifySaved } from './notify.js';

/**
 * Waits for a change; says it was saved, or tells why not and fails again so the form stays open with what was
 * typed.
 */
export async function saving<T>(change: Promise<T>, saved: string | ((result: T) => string), reload?: () => void): Promise<T> {
  try {
    const result = await change;
    notifySaved(typeof saved === 'string' ? saved : saved(result));
    return result;
  } catch (error) {
    notifyError(error, reload);
    throw error;
  }
}
