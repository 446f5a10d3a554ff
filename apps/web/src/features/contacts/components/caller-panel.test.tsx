import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../test/server';
import { fakeContactsApi } from '../test/fake-contacts-api';
import { findWorkspace, renderContacts } from '../test/render';

describe('the caller panel', { timeout: 40_000 }, () => {
  it('offers "Undisclosed" as a visible answer of its own for every coded question and saves it', async () => {
    const api = fakeContactsApi();
    const contact = api.seed();
    const { user } = renderContacts(`/contacts/${contact.id}`);
    await findWorkspace();

    const age = await screen.findByRole('group', { name: 'Age group' });
    const gender = screen.getByRole('group', { name: 'Gender' });
    const relation = screen.getByRole('group', { name: 'Relation to the person in need' });
    for (const group of [age, gender, relation]) {
      // Nothing is pre-chosen: an unasked question is not silently "undisclosed".
      expect(
        within(group)
          .getAllByRole('radio')
          .filter((r) => (r as HTMLInputElement).checked),
      ).toHaveLength(0);
      expect(within(group).getByRole('radio', { name: 'Undisclosed' })).toBeInTheDocument();
    }
    expect(screen.getByTestId('language-current')).toHaveTextContent('Not asked yet');

    await user.click(within(age).getByRole('radio', { name: 'Undisclosed' }));
    await user.click(within(gender).getByRole('radio', { name: 'Undisclosed' }));
    const location = screen.getByRole('group', { name: 'Location' });
    await user.click(within(location).getByRole('button', { name: 'Undisclosed' }));
    await user.click(screen.getByRole('button', { name: 'Undisclosed', pressed: false }));

    await waitFor(
      () => expect(screen.getByTestId('save-status')).toHaveTextContent(/^Saved · \d\d:\d\d:\d\d$/),
      {
        timeout: 3000,
      },
    );
    const caller = api.last(contact.id).caller;
    expect(caller.ageGroup).toBe('undisclosed');
    expect(caller.gender).toBe('undisclosed');
    expect(caller.location).toEqual({ undisclosed: true, municipality: null, fsa: null });
    expect(caller.language).toBe('und');
    expect(screen.getByTestId('language-current')).toHaveTextContent('Undisclosed');
  });

  it('finds a language by its English or French name and records its ISO 639 code', async () => {
    const api = fakeContactsApi();
    const contact = api.seed();
    const { user } = renderContacts(`/contacts/${contact.id}`);
    await findWorkspace();

    const search = await screen.findByRole('combobox', { name: 'Preferred language' });
    await user.type(search, 'ojib');
    await user.click(await screen.findByRole('option', { name: /Ojibwa/ }));
    expect(screen.getByTestId('language-current')).toHaveTextContent('Ojibwa');

    // A French name works in the English console too ("allemand" = German).
    await user.type(search, 'allemand');
    await user.click(await screen.findByRole('option', { name: /German/ }));
    await waitFor(() => expect(api.last(contact.id).caller.language).toBe('de'), { timeout: 3000 });
  });

  it('shows earlier contacts and safety notes when a known number is typed', async () => {
    const api = fakeContactsApi();
    api.state.history = {
      phoneMasked: '•••-•••-0123',
      contacts: [
        {
          id: '5b0c0a52-2d1f-4a43-9d4d-2f36a0f1b001',
          startedAt: '2026-10-02T14:00:00.000Z',
          status: 'closed',
          channel: 'phone',
          lineId: 'general',
          disposition: 'referral_given',
          needs: [{ termId: 'FOOD-BANKS', categoryId: 'FOOD', status: 'met' }],
          crisisFlags: [],
          specialist: null,
        },
      ],
      safetyNotes: [
        {
          id: '5b0c0a52-2d1f-4a43-9d4d-2f36a0f1b002',
          note: 'Do not leave voicemail',
          createdAt: '2026-10-02T14:30:00.000Z',
          createdBy: null,
        },
      ],
    };
    const contact = api.seed();
    const { user } = renderContacts(`/contacts/${contact.id}`);
    await findWorkspace();

    await user.type(await screen.findByLabelText('Phone number'), '807 555 0123');
    expect(await screen.findByText('Do not leave voicemail', {}, { timeout: 6000 })).toBeInTheDocument();
    const history = screen.getByText('1 other contact from this number').closest('details') as HTMLElement;
    // Its needs by category name, not code.
    expect(await within(history).findByText('Food / Meals')).toBeInTheDocument();
    await waitFor(() => expect(api.last(contact.id).caller.phoneMasked).toBe('•••-•••-0123'), {
      timeout: 3000,
    });
    // The lookup names this contact: the API checks the number against the one saved on it.
    expect(api.state.lookups.at(-1)).toEqual({ contactId: contact.id, phone: '807 555 0123' });
  });

  it('asks a supervisor on someone else’s contact for a reason before looking the caller up', async () => {
    const api = fakeContactsApi();
    api.state.history = { phoneMasked: '•••-•••-0123', contacts: [], safetyNotes: [] };
    const seeded = api.seed({ caller: { phone: '807 555 0123' } });
    api.contacts.set(seeded.id, {
      ...seeded,
      specialist: { id: crypto.randomUUID(), name: 'Robin Specialist' },
    });
    // Someone else's contact: a supervisor opens its record, not a workspace.
    const { user } = renderContacts(`/contacts/${seeded.id}`, ['supervisor']);
    const reason = await screen.findByLabelText(
      'Why do you look up this caller’s earlier contacts?',
      {},
      { timeout: 8000 },
    );
    expect(api.state.lookups).toEqual([]);
    await user.type(reason, 'Police asked about a welfare check');
    await user.click(screen.getByRole('button', { name: 'Look up earlier contacts' }));
    expect(
      await screen.findByText('No earlier contact from this number.', {}, { timeout: 3000 }),
    ).toBeVisible();
    expect(api.state.lookups).toEqual([
      { contactId: seeded.id, reason: 'Police asked about a welfare check' },
    ]);
  });

  it('says when the next lookup is possible after too many', async () => {
    const api = fakeContactsApi();
    const contact = api.seed({ caller: { phone: '807 555 0123' } });
    server.use(
      http.post('/api/contacts/callers/lookup', () =>
        HttpResponse.json(
          {
            error: {
              code: 'rate_limited',
              message: 'Too many caller lookups',
              details: { retryAfterSeconds: 600, perHour: 60 },
            },
          },
          { status: 429, headers: { 'retry-after': '600' } },
        ),
      ),
    );
    renderContacts(`/contacts/${contact.id}`);
    await findWorkspace();
    expect(
      await screen.findByText(
        'Too many caller lookups in the last hour. Try again in 10 minutes.',
        {},
        {
          timeout: 3000,
        },
      ),
    ).toBeInTheDocument();
  });

  it('lets a supervisor retire a safety note that no longer applies; specialists cannot', async () => {
    const history = {
      phoneMasked: '•••-•••-0123',
      contacts: [],
      safetyNotes: [
        {
          id: '5b0c0a52-2d1f-4a43-9d4d-2f36a0f1b003',
          note: 'Caller may be with the abuser',
          createdAt: '2026-10-02T14:30:00.000Z',
          createdBy: null,
        },
      ],
    };
    for (const role of ['specialist', 'supervisor'] as const) {
      const api = fakeContactsApi();
      api.state.history = history;
      const contact = api.seed();
      const { user, unmount } = renderContacts(`/contacts/${contact.id}`, [role]);
      await findWorkspace();
      await user.type(await screen.findByLabelText('Phone number'), '807 555 0123');
      await screen.findByText('Caller may be with the abuser', {}, { timeout: 3000 });
      const retire = screen.queryByRole('button', { name: 'Retire note' });
      if (role === 'specialist') {
        expect(retire).toBeNull();
      } else {
        await user.click(retire as HTMLElement);
        await waitFor(() => expect(screen.queryByText('Caller may be with the abuser')).toBeNull());
        expect(api.state.retiredNotes).toEqual(['5b0c0a52-2d1f-4a43-9d4d-2f36a0f1b003']);
      }
      unmount();
    }
  });
});
