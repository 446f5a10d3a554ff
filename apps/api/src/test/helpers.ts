import { CSRF_HEADER, type Me, type Role } from '@relais/contracts';
import { createTestDatabase, type Database } from '@relais/db';
import { buildApp, type App } from '../app';
import { testConfig, type Config } from '../config';
import { systemActor, type ServiceContext } from '../lib/context';
import { DEFAULT_TIME_ZONE } from '../lib/time';
import { createStaff } from '../modules/staff/staff.service';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestApp {
  app: App;
  database: Database;
  config: Config;
  /** A service context acting as the system, for arranging data. */
  systemCtx: ServiceContext;
  /** Creates a staff member with these roles, signs in, and returns headers for inject(). */
  signIn(roles: Role[], email?: string): Promise<SignedIn>;
  close(): Promise<void>;
}

export interface SignedIn {
  me: Me;
  cookie: string;
  /** Cookie + CSRF header: use for any request. */
  headers: Record<string, string>;
}

let counter = 0;

/** A system context over a bare database, for service calls without an app: nothing is logged or published. */
export function quietContext(db: Database['db']): ServiceContext {
  return {
    db,
    actor: systemActor('test'),
    log: { warn: () => undefined } as unknown as ServiceContext['log'],
    realtime: { publish: () => undefined } as unknown as ServiceContext['realtime'],
    timeZone: DEFAULT_TIME_ZONE,
  };
}

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig({ webDist: '/nonexistent', ...overrides });
  const app = await buildApp({ config, database });
  await app.ready();
  const systemCtx: ServiceContext = app.systemContext('test');

  async function signIn(
    roles: Role[],
    email = `staff${++counter}-${Date.now()}@test.relais`,
  ): Promise<SignedIn> {
    await createStaff(
      { ctx: systemCtx, input: { email, name: `Test ${roles.join('+')}`, roles, password: TEST_PASSWORD } },
      config,
    );
    return login(app, email, TEST_PASSWORD);
  }

  return {
    app,
    database,
    config,
    systemCtx,
    signIn,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export async function login(app: App, email: string, password: string): Promise<SignedIn> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'relais_session');
  if (!setCookie) throw new Error('no session cookie');
  const cookie = `relais_session=${setCookie.value}`;
  const me = res.json<Me>();
  return { me, cookie, headers: { cookie, [CSRF_HEADER]: me.csrfToken } };
}
