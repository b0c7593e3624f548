/** Who is signed in, signing in and out. */
import type { Credentials, Me, Organization, Paged, SignedIn } from '@assay/contract';
import { hashKey, queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from './client.js';
import { keys } from './keys.js';
import { AUTH_API, ORGANIZATIONS_API } from './paths.js';

export type { SignedIn };

/** Who is signed in (null: nobody); the app asks before it renders anything. */
export const meQuery = queryOptions({
  queryKey: keys.me,
  queryFn: async (): Promise<Me | null> => {
    try {
      const me = await api<Me>('GET', AUTH_API.me);
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

/** Known now: pages behind the session must not see the "nobody" answered before signing in. */
export async function rememberSignIn(client: QueryClient, signedIn: Pick<SignedIn, 'user' | 'csrfToken'>): Promise<void> {
  setCsrfToken(signedIn.csrfToken);
  const me: Me = { kind: 'user', user: signedIn.user, token: null, csrfToken: signedIn.csrfToken };
  client.setQueryData(meQuery.queryKey, me);
  await client.invalidateQueries({ predicate: (query) => query.queryHash !== hashKey(meQuery.queryKey) });
}

/** The session is gone (signed out, here or everywhere): forget everything the server said. */
export function forgetSession(client: QueryClient): void {
  setCsrfToken(null);
  client.clear();
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Credentials) => api<SignedIn>('POST', AUTH_API.login, input),
    onSuccess: (signedIn) => rememberSignIn(client, signedIn),
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('POST', AUTH_API.logout),
    onSettled: () => forgetSession(client),
  });
}

export function useOrganizations(enabled = true) {
  return useQuery({
    queryKey: keys.organizations,
    queryFn: () => api<Paged<Organization>>('GET', ORGANIZATIONS_API).then((r) => r.items),
    enabled,
  });
}
