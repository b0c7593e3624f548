/**
 * Sends a form's values. A refusal is the caller's to tell the person of (it has, by the time this returns), so
 * it is not thrown on: the form stays open with what the person typed, for them to correct and send again.
 */
export async function keepOnRefusal(send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch {
    // Told by the caller; nothing is lost.
  }
}
