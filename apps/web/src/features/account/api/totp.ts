import { OkResponse, TotpSetup } from '@relais/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { meQueryKey } from '../../../lib/session';

/** POST /api/account/totp/{setup,confirm,disable}: two-step verification with an authenticator app. */
export const startTotpSetup = (currentPassword: string) =>
  api.post('/api/account/totp/setup', TotpSetup, { currentPassword });
export const confirmTotp = (code: string) => api.post('/api/account/totp/confirm', OkResponse, { code });
export const disableTotp = (currentPassword: string) =>
  api.post('/api/account/totp/disable', OkResponse, { currentPassword });

export const useStartTotpSetup = () => useMutation({ mutationFn: startTotpSetup });

/** Confirming or turning off changes what /me says (`totpEnabled`, `required`). */
function useMeChanging<T>(mutationFn: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

export const useConfirmTotp = () => useMeChanging(confirmTotp);
export const useDisableTotp = () => useMeChanging(disableTotp);
