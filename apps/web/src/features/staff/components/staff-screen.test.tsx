import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { meFixture, signedIn } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { featureRoutes } from '../routes';
import { fakeStaffApi, member } from '../test/fake-staff-api';

const admin = meFixture(['admin']);
const self = member({ id: admin.staff.id, name: 'Ada Admin', roles: ['admin'] });

function open(path = '/staff', me = admin) {
  signedIn(me);
  return renderApp({ path, features: featureRoutes });
}

const row = async (name: string) =>
  within((await screen.findByRole('rowheader', { name: new RegExp(name) })).closest('tr') as HTMLElement);

describe('staff screen', () => {
  it('lists accounts with roles, status and last sign-in, and is in the admin navigation only', async () => {
    fakeStaffApi([
      self,
      member({ name: 'Sam Specialist', roles: ['specialist', 'followup'] }),
      member({ name: 'Olga Old', roles: ['editor'], disabled: true, lastLoginAt: null }),
    ]);
    open();
    expect(await screen.findByRole('heading', { level: 1, name: 'Staff accounts' })).toBeInTheDocument();
    const sam = await row('Sam Specialist');
    expect(sam.getByText('Specialist')).toBeInTheDocument();
    expect(sam.getByText('Follow-up')).toBeInTheDocument();
    expect(sam.getByText('Active')).toBeInTheDocument();
    const olga = await row('Olga Old');
    expect(olga.getByText('Disabled')).toBeInTheDocument();
    expect(olga.getByText('Never')).toBeInTheDocument();
    expect(olga.getByRole('button', { name: 'Enable Olga Old' })).toBeInTheDocument();
    // No way to disable yourself.
    expect((await row('Ada Admin')).queryByRole('button', { name: /Disable/ })).toBeNull();
    const nav = within(screen.getByRole('navigation', { name: 'Main navigation' }));
    expect(nav.getByRole('link', { name: 'Staff' })).toBeInTheDocument();
    expect(nav.getByRole('link', { name: 'API keys' })).toBeInTheDocument();
  });

  it('is refused to other roles, and absent from their navigation', async () => {
    open('/staff', meFixture(['supervisor', 'specialist', 'editor', 'followup']));
    expect(
      await screen.findByRole('heading', { name: 'You do not have access to this page' }),
    ).toBeInTheDocument();
    const nav = within(screen.getByRole('navigation', { name: 'Main navigation' }));
    expect(nav.queryByRole('link', { name: 'Staff' })).toBeNull();
  });

  it('creates an account, checking the form first', async () => {
    const api = fakeStaffApi([self]);
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'New staff member' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'New staff member' }));
    await user.type(dialog.getByLabelText('Full name'), 'Nadia Nouvelle');
    await user.type(dialog.getByLabelText('Email (used to sign in)'), 'nadia@centre.test');
    await user.type(dialog.getByLabelText('Temporary password'), 'short');
    await user.click(dialog.getByRole('button', { name: 'Create account' }));
    expect(dialog.getByText('Choose at least one role.')).toBeInTheDocument();
    expect(dialog.getByText('The password needs at least 12 characters.')).toBeInTheDocument();
    expect(api.sent).toEqual([]);

    await user.click(dialog.getByRole('checkbox', { name: /Specialist/ }));
    await user.click(dialog.getByRole('checkbox', { name: /Supervisor/ }));
    await user.clear(dialog.getByLabelText('Temporary password'));
    await user.type(dialog.getByLabelText('Temporary password'), 'a long enough password');
    await user.click(dialog.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.sent).toEqual([
      {
        method: 'POST',
        path: '/api/staff',
        body: {
          name: 'Nadia Nouvelle',
          email: 'nadia@centre.test',
          roles: ['specialist', 'supervisor'],
          locale: 'en',
          password: 'a long enough password',
        },
      },
    ]);
    expect(await screen.findByText('Nadia Nouvelle can now sign in.')).toBeInTheDocument();
    const nadia = await row('Nadia Nouvelle');
    expect(nadia.getByText('nadia@centre.test')).toBeInTheDocument();
    expect(nadia.getByText('Specialist')).toBeInTheDocument();
    expect(nadia.getByText('Supervisor')).toBeInTheDocument();
    expect(nadia.getByText('Never')).toBeInTheDocument();
  });

  it('says so when the email already has an account', async () => {
    fakeStaffApi([self, member({ name: 'Sam Specialist', roles: ['specialist'], email: 'sam@centre.test' })]);
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'New staff member' }));
    const dialog = within(await screen.findByRole('dialog'));
    await user.type(dialog.getByLabelText('Full name'), 'Sam Again');
    await user.type(dialog.getByLabelText('Email (used to sign in)'), 'sam@centre.test');
    await user.click(dialog.getByRole('checkbox', { name: /Specialist/ }));
    await user.type(dialog.getByLabelText('Temporary password'), 'a long enough password');
    await user.click(dialog.getByRole('button', { name: 'Create account' }));
    expect(await dialog.findByText('This email already has an account.')).toBeInTheDocument();
  });

  it('changes roles, and explains when that would remove the last admin', async () => {
    const sam = member({ name: 'Sam Specialist', roles: ['specialist'] });
    const api = fakeStaffApi([self, sam]);
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Edit Sam Specialist' }));
    let dialog = within(await screen.findByRole('dialog', { name: 'Edit Sam Specialist' }));
    await user.click(dialog.getByRole('checkbox', { name: /Supervisor/ }));
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.sent.at(-1)).toEqual({
      method: 'PATCH',
      path: `/api/staff/${sam.id}`,
      body: { name: 'Sam Specialist', roles: ['specialist', 'supervisor'], locale: 'en' },
    });
    expect(await (await row('Sam Specialist')).findByText('Supervisor')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Edit Ada Admin' }));
    dialog = within(await screen.findByRole('dialog', { name: 'Edit Ada Admin' }));
    await user.click(dialog.getByRole('checkbox', { name: /Administrator/ }));
    await user.click(dialog.getByRole('checkbox', { name: /Supervisor/ }));
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    expect(await dialog.findByText(/without an active administrator/)).toBeInTheDocument();
  });

  it('disables after confirming, and enables again', async () => {
    const sam = member({ name: 'Sam Specialist', roles: ['specialist'] });
    const api = fakeStaffApi([self, sam]);
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Disable Sam Specialist' }));
    const dialog = within(await screen.findByRole('alertdialog', { name: 'Disable Sam Specialist?' }));
    expect(dialog.getByText(/signed out at once/)).toBeInTheDocument();
    expect(dialog.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(dialog.getByRole('button', { name: 'Disable account' }));
    expect(
      await screen.findByText('Sam Specialist is disabled and was signed out everywhere.'),
    ).toBeInTheDocument();
    expect(api.sent.at(-1)).toMatchObject({ method: 'POST', path: `/api/staff/${sam.id}/disable` });
    await user.click(await screen.findByRole('button', { name: 'Enable Sam Specialist' }));
    expect(await screen.findByText('Sam Specialist can sign in again.')).toBeInTheDocument();
    expect(api.sent.at(-1)).toMatchObject({ method: 'POST', path: `/api/staff/${sam.id}/enable` });
  });

  it('removes two-step verification for someone who lost their phone, after confirming', async () => {
    const sam = member({ name: 'Sam Specialist', roles: ['specialist'], totpEnabled: true });
    const olga = member({ name: 'Olga Other', roles: ['editor'], totpEnabled: false });
    const api = fakeStaffApi([self, sam, olga]);
    const { user } = open();
    expect((await row('Olga Other')).queryByRole('button', { name: /two-step/ })).toBeNull();
    await user.click(
      await screen.findByRole('button', { name: 'Reset the two-step verification of Sam Specialist' }),
    );
    const dialog = within(
      await screen.findByRole('alertdialog', { name: 'Reset the two-step verification of Sam Specialist?' }),
    );
    expect(dialog.getByText(/lost or replaced phone/)).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Remove two-step verification' }));
    expect(
      await screen.findByText(
        'Two-step verification of Sam Specialist is removed; their open sessions have ended.',
      ),
    ).toBeInTheDocument();
    expect(api.sent.at(-1)).toMatchObject({ method: 'POST', path: `/api/staff/${sam.id}/reset-totp` });
    await waitFor(async () =>
      expect((await row('Sam Specialist')).queryByRole('button', { name: /two-step/ })).toBeNull(),
    );
  });

  it('resets a password after checking both entries match', async () => {
    const sam = member({ name: 'Sam Specialist', roles: ['specialist'] });
    const api = fakeStaffApi([self, sam]);
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Reset the password of Sam Specialist' }));
    const dialog = within(await screen.findByRole('dialog'));
    await user.type(dialog.getByLabelText('New password'), 'a new long password');
    await user.type(dialog.getByLabelText('Type it again'), 'a new long passwork');
    await user.click(dialog.getByRole('button', { name: 'Set password' }));
    expect(dialog.getByText('The two passwords are not the same.')).toBeInTheDocument();
    await user.clear(dialog.getByLabelText('Type it again'));
    await user.type(dialog.getByLabelText('Type it again'), 'a new long password');
    await user.click(dialog.getByRole('button', { name: 'Set password' }));
    expect(await screen.findByText(/The password of Sam Specialist is changed/)).toBeInTheDocument();
    expect(api.sent.at(-1)).toEqual({
      method: 'POST',
      path: `/api/staff/${sam.id}/reset-password`,
      body: { password: 'a new long password' },
    });
  });

  it('refreshes when another admin changes someone', async () => {
    const api = fakeStaffApi([self]);
    const { realtime } = open();
    await row('Ada Admin');
    api.staff.push(member({ name: 'Late Arrival', roles: ['editor'] }));
    realtime.emit('entity.changed', { entity: 'staff', id: 'x', action: 'created' });
    const late = await row('Late Arrival');
    expect(late.getByText('late@centre.test')).toBeInTheDocument();
    expect(late.getByText('Resource editor')).toBeInTheDocument();
  });

  it('speaks French', async () => {
    fakeStaffApi([self]);
    const { user } = open();
    await user.click(await screen.findByRole('button', { name: 'Français' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Comptes du personnel' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Nouveau membre du personnel' })).toBeInTheDocument();
  });
});
