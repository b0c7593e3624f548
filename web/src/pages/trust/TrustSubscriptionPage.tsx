/**
 * The page a subscription's links open (`/trust/<slug>/subscription#confirm=<secret>` or `#unsubscribe=…`): one
 * button that confirms or cancels. A button, not the opening itself, so a mail scanner that fetches links confirms
 * nothing; the secret stays in the address fragment and travels in a request body.
 */
import { Alert, Button, Text, Title } from '@mantine/core';
import { useLocation, useParams } from 'react-router';
import { useSubscriptionLink } from '../../api/trust.js';
import { TrustFrame } from './PublicTrustPage.js';

export function TrustSubscriptionPage() {
  const slug = useParams().slug ?? '';
  const match = /^#(confirm|unsubscribe)=(.+)$/.exec(useLocation().hash);
  const follow = useSubscriptionLink(slug);
  const action = match?.[1] as 'confirm' | 'unsubscribe' | undefined;
  return (
    <TrustFrame>
      <Title order={1}>Trust page subscription</Title>
      {!match && <Alert color="red">This address holds no subscription link: open the link from your e-mail.</Alert>}
      {follow.error && (
        <Alert color="red" role="alert">
          {follow.error.message}
        </Alert>
      )}
      {follow.isSuccess ? (
        <Text>{action === 'confirm' ? 'You are subscribed: you will hear of a new report or a change of subprocessors.' : 'You are unsubscribed: nothing more will be sent.'}</Text>
      ) : (
        match && (
          <Button w="fit-content" loading={follow.isPending} onClick={() => follow.mutate({ action: action as 'confirm' | 'unsubscribe', token: match[2] as string })}>
            {action === 'confirm' ? 'Confirm my subscription' : 'Unsubscribe'}
          </Button>
        )
      )}
    </TrustFrame>
  );
}
