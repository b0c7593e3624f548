/** The organisation's members: name, email, role (a picker for admins) and since when; admins may remove them. */
import { Badge, Button, Select, Table } from '@mantine/core';
import type { Role } from '@assay/domain';
import type { Member } from '../../api/settings.js';
import { ROLE_LABELS, ROLE_OPTIONS } from '../../labels.js';
import { formatInstant } from './format.js';
import { isRole } from './roles.js';

export function MembersTable(props: {
  members: Member[];
  /** The signed-in person's user id, marked "you". */
  you: string | null;
  manage: boolean;
  changingRole: boolean;
  onRole: (member: Member, role: Role) => void;
  onRemove: (member: Member) => void;
}) {
  const { members, you, manage } = props;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover aria-label="Members">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Member since</Table.Th>
            {manage && <Table.Th>Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((member) => (
            <Table.Tr key={member.userId}>
              <Table.Td>
                {member.displayName}
                {you === member.userId && (
                  <Badge ml="xs" size="xs" variant="outline">
                    you
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{member.email}</Table.Td>
              <Table.Td>
                {manage ? (
                  <Select
                    aria-label={`Role of ${member.email}`}
                    size="xs"
                    w={160}
                    data={ROLE_OPTIONS}
                    value={member.role}
                    allowDeselect={false}
                    disabled={props.changingRole}
                    onChange={(role) => isRole(role) && role !== member.role && props.onRole(member, role)}
                  />
                ) : (
                  ROLE_LABELS[member.role]
                )}
              </Table.Td>
              <Table.Td>{formatInstant(member.createdAt)}</Table.Td>
              {manage && (
                <Table.Td>
                  <Button size="xs" variant="subtle" color="red" aria-label={`Remove ${member.email}`} onClick={() => props.onRemove(member)}>
                    Remove
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
