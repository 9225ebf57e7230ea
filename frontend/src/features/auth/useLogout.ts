import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';

import { logOut } from '../../api';

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logOut,
    onSettled: () => {
      // Nothing of the previous account may show to whoever signs in next on this device.
      queryClient.clear();
      void navigate('/login', { replace: true });
    },
  });
}
