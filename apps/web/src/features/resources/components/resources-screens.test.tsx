import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { meFixture, signedIn } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { featureRoutes } from '../routes';
import { dueItem, fakeResourcesApi, serviceRecord } from '../test/fake-resources-api';

const editor = meFixture(['editor']);

function open(path: string, me = editor) {
  signedIn(me);
  return renderApp({ path, features: featureRoutes });
}

describe('verification due', () => {
  it('lists what is due with links to the editors, and sits in the editor navigation', async () => {
    fakeResourcesApi(serviceRecord(), [
      dueItem(),
      dueItem({
        type: 'organization',
        id: '7c1f2e3d-4b5a-4968-8776-5f4e3d2c1b0a',
        nameEn: 'Ottawa Food Bank',
        lastVerifiedAt: '2024-10-01T12:00:00.000Z',
        lastVerifiedByName: 'Eddie Editor',
      }),
    ]);
    open('/resources');
    expect(await screen.findByRole('heading', { level: 1, name: 'Verification due' })).toBeInTheDocument();
    const link = await screen.findByRole('link', { name: 'Emergency food bank' });
    expect(link).toHaveAttribute('href', '/resources/services/5a0e7c1e-3b8a-4c61-9d2e-0c8f1b2a3d4e');
    const row = within(link.closest('tr') as HTMLElement);
    expect(row.getByText('Never')).toBeInTheDocument();
    expect(row.getByText('Service')).toBeInTheDocument();
    expect(screen.getByText('Oct 1, 2024 · Eddie Editor')).toBeInTheDocument();
    expect(screen.getByText('2 records to verify')).toBeInTheDocument();
    const nav = within(screen.getByRole('navigation', { name: 'Main navigation' }));
    expect(nav.getByRole('link', { name: 'Verification due' })).toBeInTheDocument();
  });

  it('is refused to specialists', async () => {
    open('/resources', meFixture(['specialist']));
    expect(
      await screen.findByRole('heading', { name: 'You do not have access to this page' }),
    ).toBeInTheDocument();
  });
});

describe('service editor', () => {
  const url = '/resources/services/5a0e7c1e-3b8a-4c61-9d2e-0c8f1b2a3d4e';

  it('shows English and French side by side and saves only what changed, with the version', async () => {
    const api = fakeResourcesApi(serviceRecord());
    const { user } = open(url);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Service: Emergency food bank' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Name (English)')).toHaveValue('Emergency food bank');
    expect(screen.getByLabelText('Name (French)')).toHaveValue('Banque alimentaire d’urgence');
    expect(screen.getByLabelText('Description (French)')).toHaveValue('');
    expect(screen.getByText('Never verified.')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Description (French)'), 'Paniers hebdomadaires');
    await user.clear(screen.getByLabelText('Period 1: closes'));
    await user.type(screen.getByLabelText('Period 1: closes'), '18:30');
    expect(screen.getByRole('button', { name: 'Mark verified' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Your changes are saved.')).toBeInTheDocument();
    expect(api.sent).toEqual([
      {
        method: 'PATCH',
        path: '/api/resources/services/5a0e7c1e-3b8a-4c61-9d2e-0c8f1b2a3d4e',
        body: {
          version: 3,
          descriptionFr: 'Paniers hebdomadaires',
          schedules: [
            expect.objectContaining({ byday: ['MO', 'WE', 'FR'], opensAt: '09:00', closesAt: '18:30' }),
          ],
        },
      },
    ]);
  });

  it('when someone else saved first, keeps the editor’s changes and lets them choose', async () => {
    const api = fakeResourcesApi(serviceRecord());
    const { user } = open(url);
    await user.type(await screen.findByLabelText('Eligibility (English)'), 'Ottawa residents');
    api.othersSave({ descriptionEn: 'Hampers every Monday' });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Someone else saved this record first')).toBeInTheDocument();
    expect(screen.getByText('They changed: Description.')).toBeInTheDocument();
    expect(screen.getByLabelText('Eligibility (English)')).toHaveValue('Ottawa residents');

    await user.click(screen.getByRole('button', { name: 'Save my changes over theirs' }));
    expect(await screen.findByText('Your changes are saved.')).toBeInTheDocument();
    expect(api.sent[1]?.body).toEqual({ version: 4, eligibilityEn: 'Ottawa residents' });
    expect(api.current()).toMatchObject({
      descriptionEn: 'Hampers every Monday',
      eligibilityEn: 'Ottawa residents',
      version: 5,
    });
    expect(screen.getByLabelText('Description (English)')).toHaveValue('Hampers every Monday');
  });

  it('can discard its changes for the other person’s version', async () => {
    const api = fakeResourcesApi(serviceRecord());
    const { user } = open(url);
    await user.type(await screen.findByLabelText('Alert (English)'), 'Closed Monday');
    api.othersSave({ alertEn: 'Moved to 12 Rideau St' });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.click(await screen.findByRole('button', { name: 'Discard my changes and show theirs' }));
    expect(screen.getByLabelText('Alert (English)')).toHaveValue('Moved to 12 Rideau St');
    expect(screen.queryByText('Someone else saved this record first')).toBeNull();
  });

  it('marks the record verified', async () => {
    const api = fakeResourcesApi(serviceRecord());
    const { user } = open(url);
    await user.click(await screen.findByRole('button', { name: 'Mark verified' }));
    expect(await screen.findByText('Marked verified today.')).toBeInTheDocument();
    expect(api.sent).toEqual([
      {
        method: 'POST',
        path: '/api/resources/services/5a0e7c1e-3b8a-4c61-9d2e-0c8f1b2a3d4e/verify',
        body: { version: 3 },
      },
    ]);
    await waitFor(() =>
      expect(screen.getByText(/Last verified on .* by Eddie Editor\./)).toBeInTheDocument(),
    );
  });
});
