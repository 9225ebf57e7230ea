import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';

import { useResetCacheOnSignOut } from './features/auth';
import { UpdateNotice } from './features/pwa';
import { createQueryClient } from './queryClient';
import { router } from './router';
import { theme } from './theme';

function SessionCacheGuard() {
  useResetCacheOnSignOut();
  return null;
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <QueryClientProvider client={queryClient}>
        <SessionCacheGuard />
        <RouterProvider router={router} />
        <UpdateNotice />
      </QueryClientProvider>
    </MantineProvider>
  );
}
