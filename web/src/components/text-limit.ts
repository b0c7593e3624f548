/**
 * A text field's limit (src/contract/limits), known before sending: the browser stops typing at it, and once
 * the text is near it the field counts the characters, so nobody meets the limit as a refusal.
 */
export function textLimit(value: string, max: number): { maxLength: number; description?: string } {
  return value.length >= max * 0.8 ? { maxLength: max, description: `${value.length} of at most ${max} characters` } : { maxLength: max };
}
