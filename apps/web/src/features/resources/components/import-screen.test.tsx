import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { errorBody, meFixture, signedIn } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { server } from '../../../test/server';
import { featureRoutes } from '../routes';

const report = {
  committed: true,
  dryRun: false,
  created: 5,
  updated: 1,
  unchanged: 0,
  byType: {
    service: { created: 2, updated: 1, unchanged: 0 },
    phone: { created: 3, updated: 0, unchanged: 0 },
  },
  rejected: [],
  warnings: [
    { path: '$.contacts', id: null, reason: 'contacts are not stored by this directory and were skipped' },
  ],
};

function open() {
  signedIn(meFixture(['editor']));
  const sent: Array<{ url: string; body: unknown }> = [];
  return { ...renderApp({ path: '/resources/import', features: featureRoutes }), sent };
}

const file = (text: string) => new File([text], 'agencies.json', { type: 'application/json' });

describe('HSDS import screen', () => {
  it('sends the file in the chosen language and shows what was saved', async () => {
    const sent: Array<{ url: string; body: unknown }> = [];
    server.use(
      http.post('/api/hsds/import', async ({ request }) => {
        sent.push({ url: request.url, body: await request.json() });
        return HttpResponse.json(report);
      }),
    );
    const { user } = open();
    await user.upload(await screen.findByLabelText('HSDS 3.0 JSON file'), file('[{"id":"x"}]'));
    await user.selectOptions(screen.getByLabelText('Language of the text in the file'), 'fr');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('The file is imported')).toBeInTheDocument();
    expect(screen.getByText('Created 5, updated 1, unchanged 0.')).toBeInTheDocument();
    expect(screen.getByText(/contacts are not stored/)).toBeInTheDocument();
    expect(sent).toHaveLength(1);
    expect(new URL(sent[0]?.url ?? '').searchParams.get('lang')).toBe('fr');
    expect(sent[0]?.body).toEqual([{ id: 'x' }]);
  });

  it('lists the rejected records by JSON path when nothing was saved', async () => {
    server.use(
      http.post('/api/hsds/import', () =>
        HttpResponse.json(
          errorBody('validation', '1 record(s) rejected', {
            fields: [
              { path: '$[0].phones[0].type', message: 'phone type "pager" is not one of voice, text' },
            ],
          }),
          { status: 400 },
        ),
      ),
    );
    const { user } = open();
    await user.upload(await screen.findByLabelText('HSDS 3.0 JSON file'), file('[]'));
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('Nothing was saved: 1 problem to fix in the file')).toBeInTheDocument();
    expect(screen.getByText('$[0].phones[0].type')).toBeInTheDocument();
  });

  it('says so when the file is not JSON, without sending it', async () => {
    let calls = 0;
    server.use(http.post('/api/hsds/import', () => ((calls += 1), HttpResponse.json(report))));
    const { user } = open();
    await user.upload(await screen.findByLabelText('HSDS 3.0 JSON file'), file('{not json'));
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText(/not valid JSON/)).toBeInTheDocument();
    expect(calls).toBe(0);
  });
});
