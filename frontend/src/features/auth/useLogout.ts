import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';

import { forgetPushDevice, logOut, logOutEverywhere } from '../../api';

/** What every way out of the account ends with, once the server side is done. */
export function useLeaveApp() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return () => {
    // Nothing of the previous account may show to whoever signs in next on this device.
    queryClient.clear();
    void navigate('/login', { replace: true });
  };
}

/**
 * Log out here, or (`everywhere`) on every device of the account. Logging out here always
 * leaves (the user asked to); everywhere leaves only once the server has done it.
 * This device's push subscription goes first, while the token still says whose it is:
 * whoever signs in next here must not get the previous account's notifications.
 */
export function useLogout({ everywhere = false }: { everywhere?: boolean } = {}) {
  const leave = useLeaveApp();
  return useMutation(
    everywhere
      ? {
          mutationFn: async () => {
            await forgetPushDevice();
            await logOutEverywhere();
          },
          onSuccess: leave,
        }
      : // Offline too, at once: React Query would hold the request until the network is back,
        // and this device's unsent messages and drafts must go when the user leaves it.
        {
          mutationFn: async () => {
            await forgetPushDevice();
            await logOut();
          },
          onSettled: leave,
          networkMode: 'always',
        },
  );
}
