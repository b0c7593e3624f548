/**
 * A text field's limit (src/contract/limits), known before sending: the browser stops typing at it, and once
 * the text is near it the field counts the characters, so nobody meets the limit as a refusal. Every text field
 * whose API field has a limit takes it from here (`text-limit.test.ts` walks the pages for one that does not).
 */
export function textLimit(value: string, max: number): { maxLength: number; description?: string } {
  return value.length >= max * 0.8 ? { maxLength: max, description: `${value.length} of at most ${max} characters` } : { maxLength: max };
}

/** A form that gives a text input its props (Mantine's `getInputProps`), the value among them. */
interface FormOfText<Props extends { value?: unknown }> {
  getInputProps(path: string): Props;
}

/**
 * A form's text field with its limit: `<TextInput {...limitedText(form, 'title', MAX_TEXT_LENGTH)} />`. A
 * description given after it replaces the count; give it before to keep the count once near the limit.
 */
export function limitedText<Props extends { value?: unknown }>(form: FormOfText<Props>, path: string, max: number): Props & ReturnType<typeof textLimit> {
  const props = form.getInputProps(path);
  return { ...props, ...textLimit(typeof props.value === 'string' ? props.value : '', max) };
}
