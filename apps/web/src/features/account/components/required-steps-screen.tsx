import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SignInLayout } from '../../../components/sign-in-layout';
import { signOut, useCurrentStaff } from '../../../lib/session';
import '../account.css';
import { PasswordForm } from './password-form';
import { TotpEnrolment } from './totp-panel';

/**
 * Shown by the shell instead of anything else while the session has required steps: the password an
 * administrator set must be replaced, or the TOTP the centre requires set up (the server refuses the rest).
 */
export function RequiredStepsScreen() {
  const { t } = useTranslation('account');
  const me = useCurrentStaff();
  const queryClient = useQueryClient();
  const [leaving, setLeaving] = useState(false);
  const [step] = me.required;

  return (
    <SignInLayout>
      <h1>{t('steps.title')}</h1>
      {step === 'change_password' ? (
        <>
          <p>{t('steps.changePassword')}</p>
          <PasswordForm />
        </>
      ) : (
        <>
          <p>{t('steps.enrolTotp')}</p>
          <TotpEnrolment />
        </>
      )}
      <button
        type="button"
        className="button button-quiet"
        disabled={leaving}
        onClick={() => {
          setLeaving(true);
          void signOut(queryClient).catch(() => undefined);
        }}
      >
        {t('steps.signOut')}
      </button>
    </SignInLayout>
  );
}
