/** Choosing the role a member or a token acts with: once chosen, what the role may do is said under it. */
import { Select, type SelectProps } from '@mantine/core';
import { ROLE_DESCRIPTIONS, ROLE_OPTIONS } from '../../labels.js';
import { isRole } from './roles.js';

export function RoleSelect({ unchosen, ...props }: SelectProps & { /** Said under it while no role is chosen. */ unchosen?: string }) {
  const role = props.value ?? null;
  return (
    <Select
      label="Role"
      withAsterisk
      data={ROLE_OPTIONS}
      description={isRole(role) ? `May do: ${ROLE_DESCRIPTIONS[role]}` : unchosen}
      allowDeselect={false}
      {...props}
    />
  );
}
