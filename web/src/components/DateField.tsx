/**
 * A date typed in the organisation's locale (dd/mm/yyyy, mm/dd/yyyy, dd.mm.yyyy …), not the browser's own date
 * input, whose order follows the browser. The form holds the calendar date the API takes (`2026-12-04`), or
 * while the text is not yet a real day the text itself, which the form's rules refuse; the field says then, on
 * the field, how to write it.
 */
import { TextInput, type TextInputProps } from '@mantine/core';
import { useState, type ChangeEvent, type ReactNode } from 'react';
import { datePattern, formatDateInput, parseDateInput } from '../dates.js';

type DateFieldProps = Omit<TextInputProps, 'value' | 'onChange' | 'type'> & {
  /** `2026-12-04`, '' when empty, or text that is not yet a date. */
  value?: string;
  onChange?: (value: string) => void;
  error?: ReactNode;
};

export function DateField({ value = '', onChange, error, onBlur, ...props }: DateFieldProps) {
  const [text, setText] = useState(() => formatDateInput(value));
  const [left, setLeft] = useState(false);
  // The form changed the value itself (a reset, a computed default): the text shows what it holds now.
  if (valueOf(text) !== value) setText(formatDateInput(value));
  const current = valueOf(text) === value ? text : formatDateInput(value);
  const unreadable = current.trim() !== '' && parseDateInput(current) === null;
  const pattern = datePattern();
  return (
    <TextInput
      {...props}
      inputMode="numeric"
      autoComplete="off"
      placeholder={pattern}
      value={current}
      onChange={(event: ChangeEvent<HTMLInputElement>) => {
        const typed = event.currentTarget.value;
        setText(typed);
        setLeft(false);
        onChange?.(valueOf(typed));
      }}
      onBlur={(event) => {
        setLeft(true);
        onBlur?.(event);
      }}
      error={unreadable && (left || error) ? `Write the date as ${pattern}, e.g. ${formatDateInput('2026-12-31')}` : error}
    />
  );
}

/** What the form holds for a text: '' for none, the calendar date it names, or the text while it names none. */
function valueOf(text: string): string {
  return text.trim() === '' ? '' : (parseDateInput(text) ?? text);
}
