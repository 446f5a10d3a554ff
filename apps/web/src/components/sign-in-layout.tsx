import type { ReactNode } from 'react';
import { LanguageSwitch } from './language-switch';

/** The page around signing in and the steps before the console: the language switch and one card. */
export function SignInLayout({ children }: { children: ReactNode }) {
  return (
    <div className="login-page">
      <div className="login-top">
        <LanguageSwitch />
      </div>
      <main className="login-card" id="main">
        {children}
      </main>
    </div>
  );
}
