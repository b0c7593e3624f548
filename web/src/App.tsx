/** Providers and routes. Every page is two clicks from the dashboard: the navigation bar is one. */
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from './api/client.js';
import { meQuery } from './api/session.js';
import { clearErrors } from './components/notify.js';
import { routes } from './routes.js';
import { theme } from './theme.js';

const queryClient = new QueryClient({
  // Whichever change succeeds, the errors of earlier attempts are stale: the retry worked.
  mutationCache: new MutationCache({ onSuccess: clearErrors }),
  defaultOptions: {
    queries: {
      // Authorization and missing objects do not get better by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// The session check starts with the page, not after the first render.
void queryClient.prefetchQuery(meQuery);

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={createBrowserRouter(routes)} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
