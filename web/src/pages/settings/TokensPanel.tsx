/**
 * API tokens for scripts and CI (admins only, `token.manage`): listed with their use, created with a secret
 * shown once, revoked for good.
 */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { isoDate } from '@assay/domain/dates.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { FailureAlert, queryFallback } from '../../components/QueryFallback.js';
import { ShownOnce } from '../../components/ShownOnce.js';
import { CreateTokenForm } from './CreateTokenForm.js';
import { TokensTable } from './TokensTable.js';
import { useTokensPanel } from './tokens.js';

export function TokensPanel({ clock = () => new Date() }: { clock?: () => Date }) {
  const { manage, tokens, create, revoke, creating, failure, setFailure, revoking } = useTokensPanel();

  if (!manage) {
    return (
      <Text size="sm" c="dimmed">
        API tokens let scripts and CI use the API with a role. An admin of the organisation creates and revokes them.
      </Text>
    );
  }
  if (!tokens.isSuccess) return queryFallback(tokens, { loading: 'Loading the API tokens', failed: 'The API tokens could not be loaded' });

  const now = clock();
  // The secret is only in the creation's result; "Done" forgets it for good.
  const created = create.data ?? null;

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Send a token as <code>Authorization: Bearer &lt;secret&gt;</code>. It acts with its role, never more than yours.
        </Text>
        <Button onClick={creating.open}>Create token</Button>
      </Group>
      <FailureAlert title="Not revoked" failure={failure} onClose={() => setFailure(null)} />
      <TokensTable tokens={tokens.data} now={now} onRevoke={revoking.ask} />

      <Modal {...creating.modal} title="Create an API token" centered>
        <CreateTokenForm today={isoDate(now)} {...creating.form} />
      </Modal>

      <ShownOnce
        title="Copy the new token now"
        label={`Secret of “${created?.token.name ?? ''}”`}
        value={created?.secret ?? null}
        copyLabel="Copy secret"
        onDone={() => create.reset()}
      >
        Assay keeps only a hash of this secret: once you close this window it cannot be shown again. Store it where the script
        reads it (a CI secret, a vault). If it is lost, revoke the token and create another.
      </ShownOnce>

      <ConfirmDialog {...revoking.dialog} title="Revoke this token?" confirmLabel="Revoke token" loading={revoke.isPending}>
        Anything that uses “{revoking.item?.name}” is refused from now on. A revoked token cannot be restored.
      </ConfirmDialog>
    </Stack>
  );
}
