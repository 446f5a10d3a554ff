import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeContactsApi } from '../test/fake-contacts-api';
import { renderContacts } from '../test/render';

describe('starting a contact', { timeout: 40_000 }, () => {
  it('creates the contact with the chosen channel and line, then opens the workspace with a running timer', async () => {
    const api = fakeContactsApi();
    const { user, router } = renderContacts('/contacts/new');

    await user.click(await screen.findByRole('radio', { name: 'Chat' }, { timeout: 8000 }));
    await user.click(await screen.findByRole('radio', { name: /Abuse reporting line/ }));
    await user.click(screen.getByRole('button', { name: 'Start contact' }));

    await screen.findByRole(
      'heading',
      { level: 1, name: 'Contact · Chat · Abuse reporting line' },
      { timeout: 8000 },
    );
    expect(api.state.creates).toBe(1);
    const [contact] = [...api.contacts.values()];
    expect(contact?.channel).toBe('chat');
    expect(contact?.lineId).toBe('abuse_reporting');
    expect(router.state.location.pathname).toBe(`/contacts/${contact?.id}`);
    expect(api.state.idempotencyKeys[0]).toMatch(/^[0-9a-f-]{36}$/);
    // The line's own extra fields are rendered from its definition.
    expect(screen.getByRole('combobox', { name: 'Reporter *' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Police informed' })).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Reporter *' }), 'Witness');
    await user.click(
      within(screen.getByRole('group', { name: 'Police informed' })).getByRole('radio', { name: 'No' }),
    );
    await waitFor(
      () =>
        expect(api.last(contact?.id ?? '').lineFields).toEqual({
          reporter_role: 'witness',
          police_informed: false,
        }),
      { timeout: 3000 },
    );
    expect(screen.getByRole('timer')).toHaveTextContent(/^0:0\d$/);
    // The caller is anonymous until they share a name or number.
    expect(screen.getByText('Anonymous caller')).toBeInTheDocument();
  });

  it('reuses the same Idempotency-Key when the first answer was lost, so nothing is created twice', async () => {
    const api = fakeContactsApi();
    api.failNext('server');
    const { user } = renderContacts('/contacts/new');

    await user.click(await screen.findByRole('button', { name: 'Start contact' }, { timeout: 8000 }));
    await screen.findByText(/the same contact is reused/);
    await user.click(screen.getByRole('button', { name: 'Start contact' }));

    await screen.findByRole(
      'heading',
      { level: 1, name: /Contact · Phone · General 211/ },
      { timeout: 8000 },
    );
    expect(api.state.idempotencyKeys).toHaveLength(2);
    expect(api.state.idempotencyKeys[0]).toBe(api.state.idempotencyKeys[1]);
    await waitFor(() => expect(api.state.creates).toBe(1));
  });
});
