/**
 * Choosing a password, the same way everywhere a person sets one (accepting an invitation, a reset link, a
 * change): the server's length limits, typed twice.
 */
import { PasswordInput, Stack } from '@mantine/core';
import type { useForm } from '@mantine/form';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@assay/contract/limits.js';

export interface NewPasswordValues {
  password: string;
  confirmation: string;
}

/** What a form's `getInputProps` gives an input (Mantine does not export the type from its entry point). */
type InputProps = ReturnType<ReturnType<typeof useForm<NewPasswordValues>>['getInputProps']>;

export const newPasswordRules = {
  password: (v: string) => (v.length >= MIN_PASSWORD_LENGTH && v.length <= MAX_PASSWORD_LENGTH ? null : `${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`),
  confirmation: (v: string, values: NewPasswordValues) => (v === values.password ? null : 'The two passwords differ'),
};

export function NewPasswordInputs(props: { password: InputProps; confirmation: InputProps; label?: string }) {
  const label = props.label ?? 'New password';
  return (
    <Stack gap="sm">
      <PasswordInput label={label} description={`At least ${MIN_PASSWORD_LENGTH} characters: a few words are easy to remember.`} withAsterisk autoComplete="new-password" {...props.password} />
      <PasswordInput label={`${label}, again`} withAsterisk autoComplete="new-password" {...props.confirmation} />
    </Stack>
  );
}
