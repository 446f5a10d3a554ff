import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { boundaryViolation } from './boundaries.js';

describe('import boundaries', () => {
  it.each([
    ['apps/api/src/modules/contacts/create-contact.ts', 'apps/api/src/modules/contacts/contacts.queries'],
    [
      'apps/api/src/modules/resources/resources.service.ts',
      'apps/api/src/modules/directory/directory.service',
    ],
    ['apps/api/src/modules/hsds/hsds.service.ts', 'apps/api/src/modules/search/index'],
    ['apps/api/src/modules/resources/resources.test.ts', 'apps/api/src/modules/hsds/hsds.import'],
    ['apps/api/src/lib/transaction.ts', 'apps/api/src/lib/audit'],
    ['apps/api/src/plugins/auth.ts', 'apps/api/src/modules/auth/auth.service'],
    ['apps/web/src/features/contacts/components/wrap-up.tsx', 'apps/web/src/features/contacts/api/close'],
    ['apps/web/src/features/contacts/components/wrap-up.tsx', 'apps/web/src/components/modal'],
    ['apps/web/src/app/routes.tsx', 'apps/web/src/features/contacts/routes'],
  ])('%s may import %s', (file, target) => {
    expect(boundaryViolation(file, target)).toBeNull();
  });

  it.each([
    [
      'apps/api/src/modules/staff/staff.service.ts',
      'apps/api/src/modules/auth/auth.queries',
      'modules/staff reaches into modules/auth/auth.queries',
    ],
    [
      'apps/api/src/modules/hsds/hsds.service.ts',
      'apps/api/src/modules/search/memory/top-k',
      'modules/hsds reaches into modules/search/top-k',
    ],
    ['apps/api/src/lib/context.ts', 'apps/api/src/plugins/realtime', 'lib/ is shared'],
    [
      'apps/web/src/features/contacts/components/x.tsx',
      'apps/web/src/features/directory/components/y',
      'features/contacts imports features/directory',
    ],
    [
      'apps/web/src/lib/format.ts',
      'apps/web/src/features/contacts/model/x',
      'shared lib/ imports features/contacts',
    ],
    ['apps/web/src/components/table.tsx', 'apps/web/src/features/staff/api/x', 'shared components/ imports'],
  ])('%s may not import %s', (file, target, message) => {
    expect(boundaryViolation(file, target)).toContain(message);
  });

  it('is on in the repository lint configuration and reports a real import', async () => {
    const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });
    const [result] = await eslint.lintText(
      "import { listStaff } from '../auth/auth.queries';\nexport const x = listStaff;\n",
      { filePath: 'apps/api/src/modules/staff/staff.example.ts' },
    );
    const messages = (result?.messages ?? []).filter((m) => m.ruleId === 'relais/boundaries');
    expect(messages.map((m) => m.message)).toEqual([
      "modules/staff reaches into modules/auth/auth.queries: import modules/auth's service or index instead",
    ]);
  });
});
