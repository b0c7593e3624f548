/** Wording shared by the corrective actions page and the dashboard's card. */

/** "1 of 3 corrective actions done" (always this wording: the browser tests read it). */
export function doneSentence(counts: { done: number; total: number }): string {
  return `${counts.done} of ${counts.total} corrective actions done`;
}
