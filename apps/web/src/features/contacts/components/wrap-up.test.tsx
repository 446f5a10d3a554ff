import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeContactsApi } from '../test/fake-contacts-api';
import { findWorkspace, renderContacts } from '../test/render';

describe('wrap-up', { timeout: 40_000 }, () => {
  it('refuses to close without the reporting minimum and marks exactly what is missing beside each field', async () => {
    const api = fakeContactsApi();
    const contact = api.seed({ caller: { gender: 'woman' } });
    const { user, router } = renderContacts(`/contacts/${contact.id}`);
    await findWorkspace();

    await user.click(screen.getByRole('button', { name: 'Close contact' }));
    const refusal = await screen.findByRole('alert');
    expect(refusal).toHaveTextContent('The contact cannot close yet');
    expect(
      within(refusal)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Age group', 'Location', 'Needs']);
    expect(api.state.closeAttempts).toBe(1);
    expect(router.state.location.pathname).toBe(`/contacts/${contact.id}`);

    // Beside the fields: age group and location are marked, gender (answered) is not.
    const age = screen.getByRole('group', { name: 'Age group' });
    expect(within(age).getByText('Required before closing.')).toBeInTheDocument();
    expect(
      within(screen.getByRole('group', { name: 'Location' })).getByText('Required before closing.'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('group', { name: 'Gender' })).queryByText('Required before closing.'),
    ).toBeNull();
    expect(screen.getByText('Add a need, or tick "no need".')).toBeInTheDocument();

    // Fixing an item removes it from the list once saved.
    await user.click(within(age).getByRole('radio', { name: 'Adult' }));
    await waitFor(() => expect(within(age).queryByText('Required before closing.')).toBeNull(), {
      timeout: 3000,
    });
    expect(within(screen.getByTestId('missing-list')).getAllByRole('listitem')).toHaveLength(2);

    await user.type(screen.getByLabelText('Municipality'), 'Thunder Bay');
    await user.click(screen.getByRole('checkbox', { name: /no need/ }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Disposition' }), 'Wrong number');
    await user.click(screen.getByRole('button', { name: 'Close contact' }));

    await screen.findByText('Contact closed.', {}, { timeout: 3000 });
    expect(api.last(contact.id).status).toBe('closed');
    expect(api.last(contact.id).disposition).toBe('wrong_number');
  });

  it('makes a crisis unmistakable and requires a follow-up decision before closing', async () => {
    const api = fakeContactsApi();
    const contact = api.seed({
      caller: { ageGroup: 'youth', gender: 'undisclosed', location: { undisclosed: true } },
      noNeed: true,
    });
    const { user } = renderContacts(`/contacts/${contact.id}`);
    await findWorkspace();
    expect(screen.queryByTestId('follow-up-decision')).toBeNull();

    await user.click(screen.getByRole('checkbox', { name: 'Danger to self' }));
    expect(screen.getAllByText('CRISIS').length).toBeGreaterThan(0);
    const decision = screen.getByTestId('follow-up-decision');
    expect(within(decision).getByText('Required for a crisis contact.')).toBeInTheDocument();
    await waitFor(() => expect(api.last(contact.id).crisisFlags).toEqual(['danger_to_self']), {
      timeout: 3000,
    });

    await user.click(screen.getByRole('button', { name: 'Close contact' }));
    const refusal = await screen.findByRole('alert');
    expect(
      within(refusal)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Follow-up decision']);
    expect(within(decision).getByText('Required before closing.')).toBeInTheDocument();

    await user.click(within(decision).getByRole('radio', { name: 'No follow-up' }));
    await user.type(
      within(decision).getByLabelText('Why no follow-up?'),
      'Caller connected to crisis line on the call',
    );
    await user.click(within(decision).getByRole('radio', { name: 'Schedule a follow-up' }));
    expect(within(decision).getByLabelText('Follow up on')).not.toHaveValue('');
    await user.click(screen.getByRole('button', { name: 'Close contact' }));

    await screen.findByText('Contact closed.', {}, { timeout: 3000 });
    const closed = api.last(contact.id);
    expect(closed.followUps).toHaveLength(1);
    expect(closed.noFollowUpReason).toBeNull();
  });
});
