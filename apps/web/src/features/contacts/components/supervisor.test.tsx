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
    expect(api.state.listQueries.at(-1)?.crisis).toBe('true');

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
    await waitFor(() => expect(api.state.listQueries.at(-1)?.specialistId).toBe(robin.id));
  });

  it('search by place in the request body, never in the URL', async () => {
    const api = fakeContactsApi();
    api.seed({ caller: { location: { municipality: 'Kenora' } } });
    const { user } = renderContacts('/contacts', ['supervisor']);
    await screen.findByRole('table', {}, { timeout: 8000 });
    await user.type(screen.getByRole('textbox', { name: 'Municipality' }), 'Kenora{Enter}');
    await waitFor(() => expect(api.state.listQueries.at(-1)?.municipality).toBe('Kenora'));
    expect(window.location.href).not.toContain('Kenora');
  });

  it('see every open crisis from the server on start and after a reconnect, until they dismiss it', async () => {
    const api = fakeContactsApi();
    const first = api.seed({ crisisFlags: ['abuse'] });
    const crisis = (contactId: string, flags: Array<'abuse' | 'danger_to_self'>) => ({
      contactId,
      specialistId: null,
      flags,
      lineId: 'general',
      channel: 'phone' as const,
      at: new Date().toISOString(),
    });
    // Raised while this console was closed: no event will ever arrive for it.
    api.state.openCrises = [crisis(first.id, ['abuse'])];
    const { user, realtime } = renderContacts('/contacts', ['supervisor']);
    const alert = await screen.findByTestId('crisis-alert', {}, { timeout: 8000 });
    expect(alert).toHaveTextContent('Abuse — Phone, General 211');

    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByTestId('crisis-alert')).toBeNull());
    await waitFor(() => expect(api.state.acknowledged).toEqual([first.id]));

    // Its notification was lost while the link was down: the reconnect brings it.
    const second = api.seed({ crisisFlags: ['danger_to_self'] });
    api.state.openCrises = [crisis(second.id, ['danger_to_self'])];
    realtime.reconnect();
    expect(await screen.findByTestId('crisis-alert', {}, { timeout: 8000 })).toHaveTextContent(
      'Danger to self — Phone, General 211',
    );
  });
});
