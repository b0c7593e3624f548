/**
 * "Subscribe to changes" on the public trust page: an e-mail address (a confirm link is mailed; nothing is sent
 * until it is followed) or a webhook URL (active at once; its signing secret and unsubscribe secret are shown
 * this once).
 */
import { Alert, Button, Code, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { MAX_EMAIL_LENGTH } from '@assay/contract/limits.js';
import { isEmailAddress } from '@assay/domain/accounts/invitation.js';
import { MAX_WEBHOOK_URL_LENGTH } from '@assay/domain/remediation/plan.js';
import type { SubscriptionKind } from '@assay/domain/trust/index.js';
import { SUBSCRIPTION_KINDS } from '@assay/domain/trust/subscriptions.js';
import { useSubscribe } from '../../api/trust.js';
import { limitedText } from '../../components/text-limit.js';
import { LABELS } from '../../labels.js';

export function SubscribeForm({ slug }: { slug: string }) {
  const subscribe = useSubscribe(slug);
  const form = useForm({
    initialValues: { kind: 'email' as SubscriptionKind, email: '', url: '' },
    validate: {
      email: (v, values) => (values.kind !== 'email' || isEmailAddress(v) ? null : 'Enter your e-mail address'),
      url: (v, values) => (values.kind !== 'webhook' || /^https:\/\/\S+$/.test(v.trim()) ? null : 'Enter an https address'),
    },
  });
  const done = subscribe.data;
  if (done?.kind === 'email') {
    return (
      <Alert color="teal" title="Check your e-mail">
        Follow the link we sent to confirm: nothing is sent to you until you do.
      </Alert>
    );
  }
  if (done?.kind === 'webhook') {
    return (
      <Alert color="teal" title="Webhook subscribed">
        <Stack gap="xs">
          <Text size="sm">Keep these now: they are not shown again. Each POST carries an Assay-Signature header, the HMAC-SHA256 of its body with the signing secret.</Text>
          <Text size="sm">
            Signing secret: <Code>{done.secret}</Code>
          </Text>
          <Text size="sm">
            Unsubscribe secret: <Code>{done.token}</Code>
          </Text>
        </Stack>
      </Alert>
    );
  }
  return (
    <form
      aria-label="Subscribe to changes"
      noValidate
      onSubmit={form.onSubmit((v) => subscribe.mutate(v.kind === 'email' ? { kind: 'email', email: v.email.trim() } : { kind: 'webhook', url: v.url.trim() }))}
    >
      <Stack>
        <Text size="sm">Hear of a new report or a change of subprocessors.</Text>
        {subscribe.error && (
          <Alert color="red" role="alert">
            {subscribe.error.message}
          </Alert>
        )}
        <SegmentedControl
          aria-label="Subscribe by"
          w="fit-content"
          data={SUBSCRIPTION_KINDS.map((kind) => ({ value: kind, label: LABELS[kind] ?? kind }))}
          {...form.getInputProps('kind')}
        />
        {form.values.kind === 'email' ? (
          <TextInput label="E-mail" withAsterisk autoComplete="email" {...limitedText(form, 'email', MAX_EMAIL_LENGTH)} />
        ) : (
          <TextInput label="Webhook URL" withAsterisk placeholder="https://" {...limitedText(form, 'url', MAX_WEBHOOK_URL_LENGTH)} />
        )}
        <Group>
          <Button type="submit" variant="light" loading={subscribe.isPending}>
            Subscribe
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
