import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeContactsApi, searchResult } from '../test/fake-contacts-api';
import { findWorkspace, renderContacts } from '../test/render';

describe('needs', { timeout: 40_000 }, () => {
  it('codes each need to the taxonomy (category, then subcategory) and records an unmet need with its reason', async () => {
    const api = fakeContactsApi();
    const contact = api.seed();
    const { user } = renderContacts(`/contacts/${contact.id}`);
    await findWorkspace();

    const category = await screen.findByRole('combobox', { name: 'Category' });
    const subcategory = screen.getByRole('combobox', { name: 'Subcategory' });
    expect(subcategory).toBeDisabled();
    await user.selectOptions(category, 'Housing');
    await user.selectOptions(subcategory, 'Rent assistance');
    await user.click(screen.getByRole('button', { name: 'Add need' }));
    await user.selectOptions(category, 'Health Care');
    await user.click(screen.getByRole('button', { name: 'Add need' }));

    const first = screen.getByRole('article', { name: 'Need 1' });
    const second = screen.getByRole('article', { name: 'Need 2' });
    expect(within(first).getByRole('heading')).toHaveTextContent('Housing › Rent assistance');
    expect(within(second).getByRole('heading')).toHaveTextContent('Health Care');
    expect(within(second).getByText('Open')).toBeInTheDocument();

    await user.click(within(second).getByRole('button', { name: 'Mark unmet' }));
    // No reason is picked for the specialist.
    expect(within(second).getByRole('combobox', { name: 'Why was it not met?' })).toHaveValue('');
    await user.selectOptions(
      within(second).getByRole('combobox', { name: 'Why was it not met?' }),
      'Waitlist / full',
    );
    expect(within(second).getByText('Unmet')).toBeInTheDocument();

    await waitFor(
      () => {
        const needs = api.last(contact.id).needs;
        expect(needs.map((n) => [n.termId, n.unmetReason])).toEqual([
          ['HOUSING-RENT', null],
          ['HEALTH', 'waitlist_full'],
        ]);
      },
      { timeout: 3000 },
    );
  });

  it('shows referrals with their kind, lets the kind change, and removes a referral', async () => {
    const api = fakeContactsApi();
    const needId = crypto.randomUUID();
    const contact = api.seed({
      needs: [
        {
          id: needId,
          termId: 'FOOD-BANKS',
          referrals: [
            {
              id: crypto.randomUUID(),
              serviceId: crypto.randomUUID(),
              kind: 'referral',
              serviceName: 'Regional Food Bank',
              servicePhone: '807-555-0100',
            },
            {
              id: crypto.randomUUID(),
              serviceId: crypto.randomUUID(),
              kind: 'referral',
              serviceName: 'Community Kitchen',
            },
          ],
        },
      ],
    });
    const { user } = renderContacts(`/contacts/${contact.id}`);
    await findWorkspace();

    const need = screen.getByRole('article', { name: 'Need 1' });
    expect(within(need).getByText('Met')).toBeInTheDocument();
    const list = within(need).getByRole('list', { name: 'Referrals' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    const [firstKind] = within(list).getAllByRole('combobox', { name: 'Kind' });
    if (!firstKind) throw new Error('no kind select');
    await user.selectOptions(firstKind, 'Warm transfer');
    await user.click(within(list).getByRole('button', { name: 'Remove referral to Community Kitchen' }));

    await waitFor(
      () => {
        const referrals = api.last(contact.id).needs[0]?.referrals ?? [];
        expect(referrals.map((r) => [r.serviceName, r.kind])).toEqual([
          ['Regional Food Bank', 'warm_transfer'],
        ]);
      },
      { timeout: 3000 },
    );
  });

  it("copies a summary of the referrals in the caller's language", async () => {
    const api = fakeContactsApi();
    const contact = api.seed({
      caller: { language: 'fr' },
      needs: [
        {
          id: crypto.randomUUID(),
          termId: 'FOOD-BANKS',
          referrals: [
            {
              id: crypto.randomUUID(),
              serviceId: crypto.randomUUID(),
              serviceName: 'Banque alimentaire régionale',
            },
          ],
        },
      ],
    });
    const { user } = renderContacts(`/contacts/${contact.id}`);
    await findWorkspace();

    expect(screen.getByRole('button', { name: 'Français', pressed: true })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    await screen.findByText('Copied');
    expect(await navigator.clipboard.readText()).toBe(
      'Services recommandés par le 211:\n- Banque alimentaire régionale',
    );
    expect(screen.getByTestId('referral-summary')).toHaveTextContent('Banque alimentaire régionale');
  });
});

describe('referrals from the directory', { timeout: 40_000 }, () => {
  it('refers a service found in the embedded search, with the chosen kind, without leaving the contact', async () => {
    const api = fakeContactsApi();
    const foodBank = searchResult('Thunder Bay Regional Food Bank');
    api.directory([foodBank, searchResult('Shelter House Meal Program')]);
    const contact = api.seed({
      caller: { location: { municipality: 'Thunder Bay' } },
      needs: [{ id: crypto.randomUUID(), termId: 'FOOD-BANKS' }],
    });
    const { user, router } = renderContacts(`/contacts/${contact.id}`);
    await findWorkspace();

    const need = screen.getByRole('article', { name: 'Need 1' });
    await user.click(within(need).getByRole('button', { name: 'Find services' }));
    const panel = screen.getByRole('complementary', { name: 'Find services' });
    expect(
      within(panel).getByRole('heading', { name: 'Finding services for: Food / Meals › Food banks' }),
    ).toBeInTheDocument();
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Refer as' }), 'Advocacy');
    await user.click(
      await within(panel).findByRole(
        'button',
        { name: 'Refer: Thunder Bay Regional Food Bank' },
        { timeout: 5000 },
      ),
    );

    // The search starts on the need's category, near the caller.
    const query = api.state.searches[0];
    expect(query?.get('taxonomy')).toBe('FOOD-BANKS');
    expect(query?.get('municipality')).toBe('Thunder Bay');
    expect(within(need).getByText('Thunder Bay Regional Food Bank')).toBeInTheDocument();
    expect(within(need).getByText('Met')).toBeInTheDocument();
    expect(within(panel).getByText('Added')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/contacts/${contact.id}`);

    await waitFor(
      () => {
        const [referral] = api.last(contact.id).needs[0]?.referrals ?? [];
        expect(referral).toMatchObject({
          serviceId: foodBank.serviceId,
          locationId: foodBank.locationId,
          kind: 'advocacy',
          serviceName: 'Thunder Bay Regional Food Bank',
          servicePhone: '807-555-0175',
        });
      },
      { timeout: 3000 },
    );
  });
});
