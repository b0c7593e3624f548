/** Sign in with email and password. */
import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from 'react-router';
import { useLogin } from '../../api/session.js';
import { homePage } from '../../paths.js';
import { limitedText } from '../../components/text-limit.js';
import { MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH } from '@assay/contract/limits.js';

export function LoginPage() {
  const login = useLogin();
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+$/.test(v) ? null : 'Enter the email address of your account'),
      password: (v) => (v.length > 0 ? null : 'Enter your password'),
    },
  });
  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder p="xl" w={380} shadow="sm">
        <form onSubmit={form.onSubmit((values) => login.mutate(values, { onSuccess: () => navigate(homePage()) }))}>
          <Stack>
            <Title order={1} size="h2">
              Sign in to Assay
            </Title>
            {login.error && (
              <Alert color="red" role="alert">
                {login.error.message}
              </Alert>
            )}
            <TextInput label="Email" type="email" autoComplete="username" required {...limitedText(form, 'email', MAX_EMAIL_LENGTH)} />
            <PasswordInput label="Password" autoComplete="current-password" required {...limitedText(form, 'password', MAX_PASSWORD_LENGTH)} />
            <Button type="submit" loading={login.isPending}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
