import type { Role } from '@relais/contracts';
import type { ServiceContext } from '../lib/context';
import { staffIdOfEmail } from '../modules/auth/auth.service';
import { seedDemoContacts } from '../modules/contacts/contacts.demo';
import { seedDemoDirectory } from '../modules/directory/directory.seed';
import { createStaff } from '../modules/staff/staff.service';

export const DEMO_PASSWORD = 'relais-demo-2026';

export const DEMO_ACCOUNTS: Array<{ email: string; name: string; roles: Role[] }> = [
  { email: 'specialist@demo.relais', name: 'Sam Specialist', roles: ['specialist'] },
  { email: 'followup@demo.relais', name: 'Fatima Follow-up', roles: ['followup'] },
  { email: 'supervisor@demo.relais', name: 'Simone Supervisor', roles: ['supervisor'] },
  { email: 'editor@demo.relais', name: 'Eddie Editor', roles: ['editor'] },
  { email: 'admin@demo.relais', name: 'Ada Admin', roles: ['admin'] },
];

/** Demo mode only: one account per role, created once; other demo data is added by its own module. */
export async function seedDemo(ctx: ServiceContext) {
  for (const account of DEMO_ACCOUNTS) {
    if (await staffIdOfEmail(ctx.db, account.email)) continue;
    await createStaff({ ctx, input: { ...account, password: DEMO_PASSWORD } }, { demo: true });
  }
  await seedDemoDirectory(ctx.db);
  await seedDemoContacts(ctx);
}
