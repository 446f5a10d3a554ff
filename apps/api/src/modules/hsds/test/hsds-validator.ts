import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** The Open Referral HSDS 3.0 schemas, vendored unchanged next to this module (see spec/README.md). */
export const HSDS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../spec');

const BASE = 'https://specs.openreferral.org/hsds/3.0/';

type Json = Record<string, unknown>;

function load(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

/** The HSDS list envelope (openapi.json components.schemas.Page), made strict: every paging field is required. */
function pageSchema(itemRef: string): Json {
  const page = (load(resolve(HSDS_DIR, 'openapi.json')) as { components: { schemas: { Page: Json } } })
    .components.schemas.Page;
  return {
    ...page,
    required: [
      'total_items',
      'total_pages',
      'page_number',
      'size',
      'first_page',
      'last_page',
      'empty',
      'contents',
    ],
    properties: {
      ...(page.properties as Json),
      contents: { type: 'array', items: { $ref: itemRef } },
    },
  };
}

export interface HsdsValidator {
  /** Validates `data` against `<name>.json` (e.g. 'service', 'compiled/service_list'); returns readable errors. */
  errors(name: string, data: unknown): string[];
  /** Validates a paged envelope whose contents are items of schema `<itemName>.json`. */
  pageErrors(itemName: string, data: unknown): string[];
}

/**
 * One Ajv 2020 instance holding every sibling schema under a common base URI, so their relative
 * `$ref`s ("phone.json") resolve to each other. Strict mode is off: the HSDS schemas carry their own
 * annotation keywords (constraints, core, datapackage_type…).
 */
export function createHsdsValidator(): HsdsValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const files = readdirSync(HSDS_DIR).filter(
    (f) => f.endsWith('.json') && !f.startsWith('example') && f !== 'openapi.json',
  );
  for (const f of files) ajv.addSchema({ ...load(resolve(HSDS_DIR, f)), $id: BASE + f });
  for (const f of readdirSync(resolve(HSDS_DIR, 'compiled')).filter((n) => n.endsWith('.json'))) {
    if (f === 'tabular.json') continue;
    ajv.addSchema({ ...load(resolve(HSDS_DIR, 'compiled', f)), $id: `${BASE}compiled/${f}` });
  }
  const cache = new Map<string, ValidateFunction>();
  const compiled = (key: string, make: () => ValidateFunction) => {
    let fn = cache.get(key);
    if (!fn) cache.set(key, (fn = make()));
    return fn;
  };
  const describe = (fn: ValidateFunction, data: unknown) =>
    fn(data)
      ? []
      : (fn.errors ?? []).map(
          (e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
        );

  return {
    errors(name, data) {
      const fn = compiled(name, () => {
        const found = ajv.getSchema(`${BASE}${name}.json`);
        if (!found) throw new Error(`No HSDS schema ${name}.json`);
        return found;
      });
      return describe(fn, data);
    },
    pageErrors(itemName, data) {
      const fn = compiled(`page:${itemName}`, () => ajv.compile(pageSchema(`${BASE}${itemName}.json`)));
      return describe(fn, data);
    },
  };
}

export function hsdsExample(name = 'example-service_full.json'): Json {
  return load(resolve(HSDS_DIR, name));
}
