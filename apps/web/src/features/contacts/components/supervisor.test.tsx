import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeContactsApi } from '../test/fake-contacts-api';
import { renderContacts } from '../test/render';

describe('supervisors', { timeout: 40_000 }, () => {
  it('filter contacts and are alerted the moment a crisis is saved', async () => {
    const api = fakeContactsApi();
    api.seed({
      caller: { location: { municipality: 'Thunder Bay' } },
      needs: [{ id: crypto.randomUUID(), termId: 'FOOD-BANKS' }],
    });
    const seeded = api.seed({ channel: 'chat', crisisFlags: ['abuse'] });
    // Someone else's contact: a supervisor opens its record, not a workspace.
    const crisis = { ...seeded, specialist: { id: crypto.randomUUID(), name: 'Sam Specialist' } };
    api.contacts.set(crisis.id, crisis);
    const { user, realtime } = renderContacts('/contacts', ['supervisor']);

    const table = await screen.findByRole('table', {}, { timeout: 8000 });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText('Thunder Bay')).toBeInTheDocument();
    expect(within(table).getByText('Food / Meals')).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Crisis' }), 'Crisis only');
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2));
    expect(api.state.listQueries.at(-1)?.get('crisis')).toBe('true');

    realtime.emit('contact.crisis', {
      contactId: crisis.id,
      specialistId: null,
      flags: ['danger_to_self', 'abuse'],
      lineId: 'general',
      channel: 'phone',
      at: new Date().toISOString(),
    });
    const alert = await screen.findByTestId('crisis-alert');
    expect(alert).toHaveTextContent('Crisis contact');
    expect(alert).toHaveTextContent('Danger to self, Abuse — Phone, General 211');
    await user.click(within(alert).getByRole('link', { name: 'Open the contact' }));
    await screen.findByRole('heading', { level: 1, name: /^Contact record/ }, { timeout: 8000 });
    expect(screen.getByRole('heading', { name: 'Timeline' })).toBeInTheDocument();
  });

  it('filter by any specialist, not only those on the page of results', async () => {
    const api = fakeContactsApi();
    api.seed();
    const robin = { id: crypto.randomUUID(), name: 'Robin Specialist', disabled: false };
    const gone = { id: crypto.randomUUID(), name: 'Alex Former', disabled: true };
    api.state.specialists = [robin, gone];
    const { user } = renderContacts('/contacts', ['supervisor']);
    await screen.findByRole('table', {}, { timeout: 8000 });
    const filter = screen.getByRole('combobox', { name: 'Specialist' });
    await waitFor(() => expect(within(filter).getAllByRole('option')).toHaveLength(3));
    expect(within(filter).getByRole('option', { name: 'Alex Former (disabled)' })).toBeInTheDocument();
    await user.selectOptions(filter, 'Robin Specialist');
    await waitFor(() => expect(api.state.listQueries.at(-1)?.get('specialistId')).toBe(robin.id));
  });
});
