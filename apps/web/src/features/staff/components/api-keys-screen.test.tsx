import type { ApiKey } from '@relais/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { meFixture, signedIn } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { featureRoutes } from '../routes';
import { fakeStaffApi } from '../test/fake-staff-api';

const existing: ApiKey = {
  id: '5d1d4b8e-29a3-4c0e-9d6c-1f3a0d7e6b21',
  name: 'Open data portal',
  prefix: 'rls_AbCdEfGh',
  scopes: ['hsds:read'],
  createdAt: '2026-10-01T12:00:00.000Z',
  createdBy: { id: '0b6f2c1e-6a53-4c1e-9a55-2f1f5c3d7a10', name: 'Ada Admin' },
  lastUsedAt: null,
  revokedAt: null,
};

function open() {
  signedIn(meFixture(['admin']));
  return renderApp({ path: '/staff/api-keys', features: featureRoutes });
}

describe('API keys screen', () => {
  it('lists keys by prefix, scopes, creation, last use and status', async () => {
    fakeStaffApi(
      [],
      [
        existing,
        { ...existing, id: crypto.randomUUID(), name: 'Old importer', revokedAt: '2026-10-05T12:00:00.000Z' },
      ],
    );
    open();
    const row = within(
      (await screen.findByRole('rowheader', { name: 'Open data portal' })).closest('tr') as HTMLElement,
    );
    expect(row.getByText('rls_AbCdEfGh…')).toBeInTheDocument();
    expect(row.getByText('hsds:read')).toBeInTheDocument();
    expect(row.getByText('Never')).toBeInTheDocument();
    expect(row.getByText(/Ada Admin/)).toBeInTheDocument();
    const old = within(screen.getByRole('rowheader', { name: 'Old importer' }).closest('tr') as HTMLElement);
    expect(old.getByText(/Revoked on/)).toBeInTheDocument();
    expect(old.queryByRole('button', { name: /Revoke/ })).toBeNull();
  });

  it('creates a key and shows it once, with a copy button', async () => {
    const api = fakeStaffApi([]);
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Create key' }));
    expect(screen.getByText('Give the key a name.')).toBeInTheDocument();
    expect(screen.getByText('Choose at least one scope.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Name'), 'Telephony – Toronto');
    await user.click(screen.getByRole('checkbox', { name: /intake:write/ }));
    await user.click(screen.getByRole('button', { name: 'Create key' }));

    const shown = (await screen.findByLabelText('The new API key')) as HTMLInputElement;
    expect(shown.value).toMatch(/^rls_/);
    expect(api.sent.at(-1)).toEqual({
      method: 'POST',
      path: '/api/api-keys',
      body: { name: 'Telephony – Toronto', scopes: ['intake:write'] },
    });
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    // user-event stands in for the clipboard.
    expect(await navigator.clipboard.readText()).toBe(shown.value);
    expect(await screen.findByText('Copied to the clipboard.')).toBeInTheDocument();
    expect(await screen.findByRole('rowheader', { name: 'Telephony – Toronto' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByLabelText('The new API key')).toBeNull();
    expect(document.body.textContent).not.toContain(shown.value);
  });

  it('revokes a key after confirming', async () => {
    const api = fakeStaffApi([], [{ ...existing }]);
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Revoke Open data portal' }));
    const dialog = within(await screen.findByRole('alertdialog', { name: 'Revoke “Open data portal”?' }));
    await user.click(dialog.getByRole('button', { name: 'Revoke key' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(api.sent.at(-1)).toMatchObject({ method: 'POST', path: `/api/api-keys/${existing.id}/revoke` });
    expect(await screen.findByText(/Revoked on/)).toBeInTheDocument();
  });
});
