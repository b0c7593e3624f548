/** The organisation's members: name, email, role (a picker for admins) and since when; admins may remove them (not themselves). */
import { Badge, Select, Table } from '@mantine/core';
import type { Role } from '@assay/domain';
import type { Member } from '../../api/settings.js';
import { ListTable, RemoveButton } from '../../components/ListTable.js';
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
    <ListTable label="Members" minWidth={640} columns={['Name', 'Email', 'Role', 'Member since', manage && 'Actions']}>
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
                  {/* The server refuses it too: another admin removes you. */}
                  {you !== member.userId && (
                    <RemoveButton label={`Remove ${member.email}`} onClick={() => props.onRemove(member)}>
                      Remove
                    </RemoveButton>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
    </ListTable>
  );
}
