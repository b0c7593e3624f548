/**
 * The page a password-reset link opens (`/reset-password#<secret>`, printed by `assay user reset-password`):
 * a new password, typed twice. Every session of the person ends; they then sign in with it.
 */
import { Alert, Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useLocation } from 'react-router';
import { useResetPassword } from '../../api/account.js';
import { NewPasswordInputs, newPasswordRules, type NewPasswordValues } from '../account/new-password.js';
import { LOGIN_PAGE } from '../../paths.js';
import { limitedText } from '../../components/text-limit.js';
import { MAX_PASSWORD_LENGTH } from '@assay/contract/limits.js';

export function ResetPasswordPage() {
  const token = useLocation().hash.replace(/^#/, '');
  const reset = useResetPassword();
  const form = useForm<NewPasswordValues>({ initialValues: { password: '', confirmation: '' }, validate: newPasswordRules });
  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder p="xl" w={420} shadow="sm">
        <Stack>
          <Title order={1} size="h2">
            Set a new password
          </Title>
          {token === '' ? (
            <Alert color="red" role="alert" title="No reset link here">
              Open the whole link the operator gave you: the part after # is what lets you set the password.
            </Alert>
          ) : reset.isSuccess ? (
            <>
              <Alert color="teal" title="Your password is set">
                Every session you had has ended. Sign in with the new password.
              </Alert>
              <Button component={Link} to={LOGIN_PAGE}>
                Sign in
              </Button>
            </>
          ) : (
            <form aria-label="Set a new password" noValidate onSubmit={form.onSubmit((values) => reset.mutate({ token, newPassword: values.password }))}>
              <Stack>
                <Text size="sm">The link works once. Setting a password signs you out everywhere.</Text>
                {reset.error && (
                  <Alert color="red" role="alert">
                    {reset.error.message}
                  </Alert>
                )}
                <NewPasswordInputs password={limitedText(form, 'password', MAX_PASSWORD_LENGTH)} confirmation={limitedText(form, 'confirmation', MAX_PASSWORD_LENGTH)} />
                <Button type="submit" loading={reset.isPending}>
                  Set password
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
