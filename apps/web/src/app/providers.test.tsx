import { screen, waitFor } from '@testing-library/react';
import { useQuery } from '@tanstack/react-query';
import { http, HttpResponse } from 'msw';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api } from '../lib/api';
import type { FeatureRoute } from '../lib/feature-route';
import { useSocketEvent } from '../lib/socket';
import { errorBody, meFixture, signedIn } from '../test/fixtures';
import { renderApp } from '../test/render-app';
import { server } from '../test/server';

function LastChange() {
  const [last, setLast] = useState('none');
  useSocketEvent('entity.changed', (event) => setLast(`${event.entity} ${event.id} ${event.action}`));
  return <h1>Last change: {last}</h1>;
}

const features: FeatureRoute[] = [{ path: 'live', element: <LastChange />, roles: ['specialist'] }];

function countMe() {
  let calls = 0;
  server.use(
    http.get('/api/auth/me', () => {
      calls += 1;
      return HttpResponse.json(meFixture(['specialist']));
    }),
  );
  return () => calls;
}

const endSessionOnServer = () =>
  server.use(
    http.get('/api/auth/me', () => HttpResponse.json(errorBody('unauthenticated', 'no'), { status: 401 })),
  );

describe('realtime link', () => {
  it('opens only while someone is signed in', async () => {
    const { realtime } = renderApp({ path: '/login' });
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(realtime.openConnections()).toBe(0);
  });

  it('hands server events to the screens that listen for them', async () => {
    signedIn(meFixture(['specialist']));
    const { realtime } = renderApp({ path: '/live', features });
    await screen.findByRole('heading', { name: 'Last change: none' });
    expect(realtime.openConnections()).toBe(1);
    realtime.emit('entity.changed', { entity: 'contact', id: 'c-1', action: 'updated' });
    expect(
      await screen.findByRole('heading', { name: 'Last change: contact c-1 updated' }),
    ).toBeInTheDocument();
  });

  it('refetches everything after reconnecting, since missed events are not replayed', async () => {
    const meCalls = countMe();
    const { realtime } = renderApp();
    await screen.findByRole('heading', { level: 1, name: 'Hello, Sam' });
    const before = meCalls();
    realtime.reconnect();
    await waitFor(() => expect(meCalls()).toBe(before + 1));
  });

  it('leaves manualOnly queries (each run an audited, rate-limited action) out of the refetch after a gap', async () => {
    let lookups = 0;
    server.use(
      http.post('/api/lookup-like', () => {
        lookups += 1;
        return HttpResponse.json({ n: lookups });
      }),
    );
    function Lookup() {
      const q = useQuery({
        queryKey: ['lookup-like'],
        queryFn: () => api.post('/api/lookup-like', z.object({ n: z.number() }), {}),
        meta: { manualOnly: true },
      });
      return <h1>Lookups: {q.data?.n ?? 0}</h1>;
    }
    signedIn(meFixture(['specialist']));
    const meCalls = countMe();
    const { realtime } = renderApp({
      path: '/lookup',
      features: [{ path: 'lookup', element: <Lookup />, roles: ['specialist'] }],
    });
    await screen.findByRole('heading', { name: 'Lookups: 1' });
    const before = meCalls();
    realtime.reconnect();
    realtime.emit('realtime.resync', {});
    await waitFor(() => expect(meCalls()).toBeGreaterThan(before));
    expect(lookups).toBe(1);
  });

  it('signs out locally when the server ends this session', async () => {
    signedIn(meFixture(['specialist']));
    const { realtime } = renderApp();
    await screen.findByRole('heading', { level: 1, name: 'Hello, Sam' });
    endSessionOnServer();
    realtime.emit('session.ended', { reason: 'disabled' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Your account is no longer active.');
    await waitFor(() => expect(realtime.openConnections()).toBe(0));
  });

  it('stays signed in when the ended session was another one of the same person', async () => {
    signedIn(meFixture(['specialist']));
    const { realtime } = renderApp();
    await screen.findByRole('heading', { level: 1, name: 'Hello, Sam' });
    realtime.emit('session.ended', { reason: 'logout' });
    await new Promise((r) => setTimeout(r, 100));
    expect(screen.getByRole('heading', { level: 1, name: 'Hello, Sam' })).toBeInTheDocument();
  });

  it('signs out when any request finds the session gone', async () => {
    signedIn(meFixture(['specialist']));
    server.use(
      http.get('/api/things', () => HttpResponse.json(errorBody('unauthenticated', 'no'), { status: 401 })),
    );
    renderApp({
      path: '/things',
      features: [{ path: 'things', roles: ['specialist'], element: <ThingsLoader /> }],
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Your session has ended. Please sign in again.');
  });
});

function ThingsLoader() {
  useQuery({ queryKey: ['things'], queryFn: () => api.get('/api/things', z.object({})), retry: false });
  return <h1>Things</h1>;
}
