import { screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import type { FeatureRoute } from '../../lib/feature-route';
import { meFixture, signedIn } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const features: FeatureRoute[] = [
  {
    path: 'contacts',
    element: <h1>Contacts screen</h1>,
    roles: ['specialist', 'supervisor'],
    nav: { labelKey: 'testing:contacts', order: 10, icon: 'phone' },
  },
  {
    path: 'contacts/new',
    element: <h1>New contact screen</h1>,
    roles: ['specialist'],
    nav: { labelKey: 'testing:newContact', order: 11, icon: 'phone' },
  },
  {
    path: 'contacts/:contactId',
    element: <h1>One contact</h1>,
    roles: ['specialist', 'supervisor'],
  },
  {
    path: 'staff',
    element: <h1>Staff screen</h1>,
    roles: ['admin'],
    nav: { labelKey: 'testing:staff', order: 80, icon: 'users' },
  },
  {
    path: 'reports',
    element: <h1>Reports screen</h1>,
    roles: ['supervisor', 'admin'],
    nav: { labelKey: 'testing:reports', order: 50 },
  },
];

beforeAll(() => {
  i18n.addResourceBundle('en', 'testing', {
    contacts: 'Contacts',
    newContact: 'New contact',
    staff: 'Staff',
    reports: 'Reports',
  });
});

const nav = async () => within(await screen.findByRole('navigation', { name: 'Main navigation' }));
const navLinks = async () => (await nav()).getAllByRole('link').map((link) => link.textContent);

describe('navigation by role', () => {
  it('shows a specialist only the screens of their role', async () => {
    signedIn(meFixture(['specialist']));
    renderApp({ features });
    expect(await navLinks()).toEqual(['Home', 'Contacts', 'New contact']);
    expect((await nav()).getByRole('link', { name: 'Contacts' })).toHaveAttribute('href', '/contacts');
    // The home screen offers the same screens as shortcuts.
    const main = within(screen.getByRole('main'));
    expect(main.getAllByRole('link').map((l) => l.textContent)).toEqual(['Contacts', 'New contact']);
  });

  it('shows a supervisor-admin the union of their roles, in the declared order', async () => {
    signedIn(meFixture(['supervisor', 'admin']));
    renderApp({ features });
    expect(await navLinks()).toEqual(['Home', 'Contacts', 'Reports', 'Staff']);
    const header = within(screen.getByRole('banner'));
    expect(header.getByText('Supervisor')).toBeInTheDocument();
    expect(header.getByText('Administrator')).toBeInTheDocument();
  });

  it('opens a screen the role reaches, and marks it current in the navigation', async () => {
    signedIn(meFixture(['specialist']));
    const { user } = renderApp({ features });
    await user.click((await nav()).getByRole('link', { name: 'Contacts' }));
    expect(await screen.findByRole('heading', { name: 'Contacts screen' })).toBeInTheDocument();
    expect((await nav()).getByRole('link', { name: 'Contacts' })).toHaveAttribute('aria-current', 'page');
    expect((await nav()).getByRole('link', { name: 'Home' })).not.toHaveAttribute('aria-current');
  });

  it('marks only the most specific entry current, and the parent entry on a page without its own', async () => {
    signedIn(meFixture(['specialist']));
    const { user } = renderApp({ features });
    await user.click((await nav()).getByRole('link', { name: 'New contact' }));
    expect(await screen.findByRole('heading', { name: 'New contact screen' })).toBeInTheDocument();
    expect((await nav()).getByRole('link', { name: 'New contact' })).toHaveAttribute('aria-current', 'page');
    expect((await nav()).getByRole('link', { name: 'Contacts' })).not.toHaveAttribute('aria-current');
    expect((await nav()).getByRole('link', { name: 'Contacts' })).not.toHaveClass('active');
  });

  it('marks the entry a page belongs to when the page has none of its own', async () => {
    signedIn(meFixture(['specialist']));
    renderApp({ path: '/contacts/0b4c2f7e-1a2b-4c3d-8e9f-001122334455', features });
    expect(await screen.findByRole('heading', { name: 'One contact' })).toBeInTheDocument();
    expect((await nav()).getByRole('link', { name: 'Contacts' })).toHaveAttribute('aria-current', 'page');
    expect((await nav()).getByRole('link', { name: 'New contact' })).not.toHaveAttribute('aria-current');
  });

  it('refuses a screen outside the role with the not-allowed screen', async () => {
    signedIn(meFixture(['specialist']));
    renderApp({ path: '/staff', features });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Staff screen')).not.toBeInTheDocument();
  });

  it('shows the 404 screen for an unknown address inside the console', async () => {
    signedIn(meFixture(['admin']));
    renderApp({ path: '/nowhere', features });
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(document.title).toBe('Page not found · Relais');
  });

  it('greets each role on its home screen with the screens it can open', async () => {
    signedIn(meFixture(['editor']));
    renderApp({ features });
    expect(await screen.findByRole('heading', { level: 1, name: 'Hello, Eddie' })).toBeInTheDocument();
    expect(screen.getByText('Keep the resource directory accurate and up to date.')).toBeInTheDocument();
    expect(screen.getByText('No screens are available for your roles yet.')).toBeInTheDocument();
  });
});

describe('feature overlays', () => {
  const overlays = [
    { id: 'alerts', roles: ['supervisor' as const], element: <p>Overlay for supervisors</p> },
  ];

  it('shows an overlay on every screen to the roles it names', async () => {
    signedIn(meFixture(['supervisor']));
    renderApp({ path: '/reports', features, overlays });
    expect(await screen.findByRole('heading', { name: 'Reports screen' })).toBeInTheDocument();
    expect(screen.getByText('Overlay for supervisors')).toBeInTheDocument();
  });

  it('keeps it from other roles', async () => {
    signedIn(meFixture(['specialist']));
    renderApp({ path: '/contacts', features, overlays });
    expect(await screen.findByRole('heading', { name: 'Contacts screen' })).toBeInTheDocument();
    expect(screen.queryByText('Overlay for supervisors')).not.toBeInTheDocument();
  });
});
