import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { initialLanguage, LANGUAGE_STORAGE_KEY } from '../i18n';
import { meFixture, signedIn } from '../test/fixtures';
import { renderApp } from '../test/render-app';

describe('language switch', () => {
  it('switches the whole shell to French and remembers the choice', async () => {
    signedIn(meFixture(['specialist']));
    const { user } = renderApp();
    await screen.findByRole('heading', { level: 1, name: 'Hello, Sam' });
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');

    await user.click(screen.getByRole('button', { name: 'Français' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Bonjour, Sam' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Navigation principale' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Accueil' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Se déconnecter' })).toBeInTheDocument();
    expect(screen.getByText('Connecté·e : Sam Specialist')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Français' })).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement.lang).toBe('fr');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('fr');
    // What the next page load starts in:
    expect(initialLanguage()).toBe('fr');
  });

  it('starts in English when nothing is remembered and the browser is not French', () => {
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBeNull();
    expect(initialLanguage()).toBe('en');
  });

  it('translates the login screen before anyone signs in', async () => {
    const { user } = renderApp({ path: '/login' });
    await user.click(await screen.findByRole('button', { name: 'Français' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    expect(screen.getByLabelText('Courriel')).toBeInTheDocument();
    expect(screen.getByLabelText('Mot de passe')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Se connecter' })).toBeInTheDocument();
  });
});
