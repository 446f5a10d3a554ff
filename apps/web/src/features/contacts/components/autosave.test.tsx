import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mirrorKey } from '../model/local-mirror';
import { fakeContactsApi } from '../test/fake-contacts-api';
import { findWorkspace, renderContacts } from '../test/render';

const status = () => screen.getByTestId('save-status');
const SAVED = /^Saved · \d\d:\d\d:\d\d$/;

describe('autosave', { timeout: 40_000 }, () => {
  it('saves once the specialist pauses, with the version, and says when', async () => {
    const api = fakeContactsApi();
    const contact = api.seed();
    const { user } = renderContacts(`/contacts/${contact.id}`);
    await findWorkspace();

    await user.type(screen.getByLabelText('First name'), 'Amira');
    expect(status()).toHaveTextContent('Saving…');
    await waitFor(() => expect(status()).toHaveTextContent(SAVED), { timeout: 3000 });

    // One request for the whole word, not one per keystroke, based on the version the screen had.
    expect(api.state.patches).toHaveLength(1);
    expect(api.state.patches[0]?.version).toBe(1);
    expect(api.last(contact.id).caller.firstName).toBe('Amira');
    expect(localStorage.getItem(mirrorKey(contact.id))).toBeNull();
  });

  it('keeps every edit while offline, mirrors it locally, and retries until the server has it', async () => {
    const api = fakeContactsApi();
    const contact = api.seed();
    api.failNext('network', 'server');
    const { user } = renderContacts(`/contacts/${contact.id}`);
    await findWorkspace();

    await user.type(screen.getByLabelText('First name'), 'Amira');
    await waitFor(() => expect(status()).toHaveTextContent('Offline — will retry'), { timeout: 3000 });
    expect(screen.getByLabelText('First name')).toHaveValue('Amira');
    expect(localStorage.getItem(mirrorKey(contact.id))).toContain('Amira');

    await waitFor(() => expect(status()).toHaveTextContent(SAVED), { timeout: 8000 });
    expect(api.last(contact.id).caller.firstName).toBe('Amira');
    expect(localStorage.getItem(mirrorKey(contact.id))).toBeNull();
  });

  it('restores what was typed after the browser died offline, then saves it', async () => {
    const api = fakeContactsApi();
    const contact = api.seed();
    api.failNext('network', 'network', 'network');
    const first = renderContacts(`/contacts/${contact.id}`);
    await findWorkspace();
    await first.user.type(screen.getByLabelText('First name'), 'Noor');
    await waitFor(() => expect(status()).toHaveTextContent('Offline — will retry'), { timeout: 3000 });
    first.unmount();
    api.state.failures.length = 0;
    expect(api.last(contact.id).caller.firstName).toBeNull();

    renderContacts(`/contacts/${contact.id}`);
    await findWorkspace();
    expect(screen.getByLabelText('First name')).toHaveValue('Noor');
    expect(screen.getByText(/Unsaved edits from this browser were restored/)).toBeInTheDocument();
    await waitFor(() => expect(api.last(contact.id).caller.firstName).toBe('Noor'), { timeout: 3000 });
  });

  it('on a version conflict shows which fields differ; "Keep mine" saves over the newer version', async () => {
    const api = fakeContactsApi();
    const contact = api.seed();
    const { user } = renderContacts(`/contacts/${contact.id}`);
    await findWorkspace();
    api.editElsewhere(contact.id, { caller: { ageGroup: 'adult' }, notes: 'Called back' });

    await user.click(
      within(screen.getByRole('group', { name: 'Age group' })).getByRole('radio', { name: 'Senior' }),
    );
    const dialog = await screen.findByRole(
      'dialog',
      { name: 'This contact was changed elsewhere' },
      { timeout: 3000 },
    );
    expect(status()).toHaveTextContent('Changed elsewhere');
    const ageRow = within(dialog).getByRole('row', { name: /Age group/ });
    expect(ageRow).toHaveTextContent('Senior');
    expect(ageRow).toHaveTextContent('Adult');
    expect(within(dialog).getByRole('row', { name: /Notes/ })).toHaveTextContent('Called back');

    await user.click(within(dialog).getByRole('button', { name: 'Keep mine' }));
    await waitFor(() => expect(status()).toHaveTextContent(SAVED), { timeout: 3000 });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const saved = api.last(contact.id);
    expect(saved.caller.ageGroup).toBe('senior');
    expect(saved.version).toBe(3);
    expect(api.state.patches.at(-1)?.version).toBe(2);
  });

  it('"Take the saved version" replaces the screen with the server copy', async () => {
    const api = fakeContactsApi();
    const contact = api.seed();
    const { user } = renderContacts(`/contacts/${contact.id}`);
    await findWorkspace();
    api.editElsewhere(contact.id, { caller: { ageGroup: 'adult' } });

    const age = screen.getByRole('group', { name: 'Age group' });
    await user.click(within(age).getByRole('radio', { name: 'Youth' }));
    const dialog = await screen.findByRole('dialog', {}, { timeout: 3000 });
    await user.click(within(dialog).getByRole('button', { name: 'Take the saved version' }));

    expect(within(age).getByRole('radio', { name: 'Adult' })).toBeChecked();
    expect(api.last(contact.id).caller.ageGroup).toBe('adult');
    expect(api.state.patches).toHaveLength(0);
  });
});
