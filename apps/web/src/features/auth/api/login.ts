import { Me, type LoginRequest } from '@relais/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import i18n, { hasStoredLanguage } from '../../../i18n';
import { api } from '../../../lib/api';
import { startSession } from '../../../lib/session';

/** POST /api/auth/login: the fetcher, then the hook screens use. */
export const login = (input: LoginRequest) => api.post('/api/auth/login', Me, input);

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      // A language chosen on this browser wins; otherwise the person's profile language applies.
      if (!hasStoredLanguage() && i18n.language !== me.staff.locale)
        void i18n.changeLanguage(me.staff.locale);
      startSession(queryClient, me);
    },
  });
}
