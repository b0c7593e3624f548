/** Who is signed in, signing in and out. */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from './client.js';
import type { Me, Organization, User } from './types.js';

/** Who is signed in (null: nobody); the app asks before it renders anything. */
export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async (): Promise<Me | null> => {
    try {
      const me = await api<Me>('GET', '/auth/me');
      setCsrfToken(me.csrfToken);
      return me;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: Infinity,
});

export function useMe() {
  return useQuery(meQuery);
}

/** What the server answers when it opens a session (signing in, or signing up from an invitation). */
export interface SignedIn {
  user: User;
  csrfToken: string;
}

/** Known now: pages behind the session must not see the "nobody" answered before signing in. */
export async function rememberSignIn(client: QueryClient, signedIn: SignedIn): Promise<void> {
  setCsrfToken(signedIn.csrfToken);
  const me: Me = { kind: 'user', user: signedIn.user, csrfToken: signedIn.csrfToken };
  client.setQueryData(meQuery.queryKey, me);
  await client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== meQuery.queryKey[0] });
}

/** The session is gone (signed out, here or everywhere): forget everything the server said. */
export function forgetSession(client: QueryClient): void {
  setCsrfToken(null);
  client.clear();
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => api<SignedIn>('POST', '/auth/login', input),
    onSuccess: (signedIn) => rememberSignIn(client, signedIn),
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('POST', '/auth/logout'),
    onSettled: () => forgetSession(client),
  });
}

export function useOrganizations(enabled = true) {
  return useQuery({
    queryKey: ['organizations'],
    queryFn: () => api<{ items: Organization[] }>('GET', '/organizations').then((r) => r.items),
    enabled,
  });
}
