/**
 * Sends a form's values. A refusal is the caller's to tell the person of (it has, by the time this returns), so
 * it is not thrown on: the form stays open with what the person typed, for them to correct and send again. Given
 * the form, the server's issues are shown on the fields they name (`aliases` renames a server path to the form's).
 */
import { refusalOf } from '../api/problem.js';

/** What of a Mantine form this needs: its values (whose keys are its fields) and where its errors go. */
interface FormWithErrors {
  values: object;
  setErrors(errors: Record<string, string>): void;
}

export async function keepOnRefusal(send: () => Promise<void>, form?: FormWithErrors, aliases?: Readonly<Record<string, string>>): Promise<void> {
  try {
    await send();
  } catch (error) {
    // Told by the caller; nothing is lost.
    if (form) form.setErrors(refusalOf(error, Object.keys(form.values), aliases).errors);
  }
}
