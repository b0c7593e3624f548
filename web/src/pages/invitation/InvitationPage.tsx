/**
 * The page an invitation link opens (`/invitation#<secret>`): what it invites to, then either choosing a name and
 * password (a new person, signed in at once) or accepting with the account of that email (signing in first when
 * needed). The secret stays in the address fragment, which the browser never sends to the server.
 */
import { Alert, Anchor, Button, Center, Divider, Loader, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { sameEmail } from '@assay/domain/accounts/invitation.js';
import { MAX_NAME_LENGTH, MAX_PASSWORD_LENGTH } from '@assay/contract/limits.js';
import { limitedText } from '../../components/text-limit.js';
import { Id } from '../../components/Id.js';
import { useAcceptInvitation, useInvitationPreview, useSignUp, type InvitationPreview } from '../../api/invitations.js';
import { useLogin, useLogout, useMe } from '../../api/session.js';
import { formatInstant } from '../settings/format.js';
import { NewPasswordInputs, newPasswordRules, type NewPasswordValues } from '../account/new-password.js';
import { LOGIN_PAGE, homePage } from '../../paths.js';
import { ROLE_LABELS } from '../../labels.js';

function Frame({ children }: { children: React.ReactNode }) {
  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder p="xl" w={440} shadow="sm">
        <Stack>{children}</Stack>
      </Paper>
    </Center>
  );
}

function SignUpForm({ token, invitation, signUp }: { token: string; invitation: InvitationPreview; signUp: ReturnType<typeof useSignUp> }) {
  const form = useForm<NewPasswordValues & { displayName: string }>({
    initialValues: { displayName: '', password: '', confirmation: '' },
    validate: {
      displayName: (v) => (v.trim() === '' ? 'Enter your name' : v.trim().length > MAX_NAME_LENGTH ? `At most ${MAX_NAME_LENGTH} characters` : null),
      ...newPasswordRules,
    },
  });
  return (
    <form
      aria-label="Create your account"
      noValidate
      onSubmit={form.onSubmit((values) =>
        signUp.mutate({ token, displayName: values.displayName.trim(), password: values.password }),
      )}
    >
      <Stack>
        <Title order={2} size="h4">
          New to Assay? Create your account
        </Title>
        {signUp.error && (
          <Alert color="red" role="alert">
            {signUp.error.message}
          </Alert>
        )}
        <TextInput label="Email" value={invitation.email} readOnly />
        <TextInput label="Your name" withAsterisk autoComplete="name" {...limitedText(form, 'displayName', MAX_NAME_LENGTH)} />
        <NewPasswordInputs label="Password" password={limitedText(form, 'password', MAX_PASSWORD_LENGTH)} confirmation={limitedText(form, 'confirmation', MAX_PASSWORD_LENGTH)} />
        <Button type="submit" loading={signUp.isPending}>
          Create my account and join
        </Button>
      </Stack>
    </form>
  );
}

function SignInToAccept({ invitation }: { invitation: InvitationPreview }) {
  const login = useLogin();
  const form = useForm({ initialValues: { password: '' }, validate: { password: (v) => (v ? null : 'Enter your password') } });
  return (
    <form aria-label="Sign in to accept" noValidate onSubmit={form.onSubmit(({ password }) => login.mutate({ email: invitation.email, password }))}>
      <Stack>
        <Title order={2} size="h4">
          Already have an account? Sign in to accept
        </Title>
        {login.error && (
          <Alert color="red" role="alert">
            {login.error.message}
          </Alert>
        )}
        <PasswordInput
          // The address is one word: never broken at a hyphen in it.
          label={
            <>
              Password of <Id>{invitation.email}</Id>
            </>
          } autoComplete="current-password" {...limitedText(form, 'password', MAX_PASSWORD_LENGTH)} />
        <Button type="submit" variant="light" loading={login.isPending}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}

function AcceptAsSignedIn({ token, invitation, email }: { token: string; invitation: InvitationPreview; email: string }) {
  const accept = useAcceptInvitation();
  const logout = useLogout();
  const navigate = useNavigate();
  if (!sameEmail(invitation.email, email)) {
    return (
      <Alert color="yellow" role="alert" title="Signed in as someone else">
        <Stack gap="sm">
          <Text size="sm">
            You are signed in as {email}; this invitation is for {invitation.email}. Sign out, then accept it as {invitation.email}.
          </Text>
          <Button variant="default" loading={logout.isPending} onClick={() => logout.mutate()}>
            Sign out
          </Button>
        </Stack>
      </Alert>
    );
  }
  return (
    <Stack>
      {accept.error && (
        <Alert color="red" role="alert">
          {accept.error.message}
        </Alert>
      )}
      <Button loading={accept.isPending} onClick={() => accept.mutate(token, { onSuccess: ({ organizationId }) => navigate(homePage(organizationId)) })}>
        Accept and join {invitation.organizationName}
      </Button>
    </Stack>
  );
}

export function InvitationPage() {
  const token = useLocation().hash.replace(/^#/, '');
  const me = useMe();
  const preview = useInvitationPreview(token);
  // Owned here, not by its form: signing up signs in, which re-renders this page as a signed-in one.
  const signUp = useSignUp();

  if (signUp.isSuccess) return <Navigate to={homePage()} replace />;
  if (token === '') {
    return (
      <Frame>
        <Alert color="red" role="alert" title="No invitation here">
          Open the whole link you were sent: the part after # is the invitation.
        </Alert>
      </Frame>
    );
  }
  // Once shown, the invitation stays on screen: signing in asks for it again, and by then it may be accepted.
  const invitation = preview.data;
  if (invitation === undefined || me.isPending) {
    return (
      <Frame>
        {preview.isError ? (
          <>
            <Alert color="red" role="alert" title="This invitation cannot be used">
              {preview.error.message}
            </Alert>
            <Anchor component={Link} to={LOGIN_PAGE}>
              Sign in
            </Anchor>
          </>
        ) : (
          <Loader aria-label="Loading the invitation" />
        )}
      </Frame>
    );
  }
  // While signing up, the new session is not yet the page's: the form stays until the page moves on.
  const signedIn = signUp.isIdle || signUp.isError ? (me.data?.user ?? null) : null;
  return (
    <Frame>
      <Title order={1} size="h2">
        Join {invitation.organizationName}
      </Title>
      <Text size="sm">
        You are invited as <strong>{ROLE_LABELS[invitation.role]}</strong> with the email <strong>{invitation.email}</strong>. The invitation works
        once, until {formatInstant(invitation.expiresAt)}.
      </Text>
      {signedIn ? (
        <AcceptAsSignedIn token={token} invitation={invitation} email={signedIn.email} />
      ) : (
        <>
          <SignUpForm token={token} invitation={invitation} signUp={signUp} />
          <Divider label="or" />
          <SignInToAccept invitation={invitation} />
        </>
      )}
    </Frame>
  );
}
