import { describe, expect, it } from 'vitest';
import { createHsdsValidator, hsdsExample } from './hsds-validator';

describe('HSDS validator harness', () => {
  const v = createHsdsValidator();

  it('accepts the specification example and rejects a broken copy', () => {
    const example = hsdsExample();
    expect(v.errors('service', example)).toEqual([]);
    const { name: _name, ...noName } = example;
    expect(v.errors('service', noName).join()).toMatch(/name/);
    expect(v.errors('service', { ...example, status: 'open' }).join()).toMatch(/allowedValues/);
    const phones = [{ id: 'not-a-uuid', number: '1' }];
    expect(v.errors('service', { ...example, phones }).join()).toMatch(/\/phones\/0\/id/);
  });

  it('checks list envelopes strictly', () => {
    const page = {
      total_items: 0,
      total_pages: 1,
      page_number: 1,
      size: 0,
      first_page: true,
      last_page: true,
      empty: true,
      contents: [],
    };
    expect(v.pageErrors('compiled/service_list', page)).toEqual([]);
    const { empty: _e, ...partial } = page;
    expect(v.pageErrors('compiled/service_list', partial).join()).toMatch(/empty/);
    expect(
      v.pageErrors('compiled/service_list', { ...page, contents: [{ id: 'x' }] }).length,
    ).toBeGreaterThan(0);
  });
});
