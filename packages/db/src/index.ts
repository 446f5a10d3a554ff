export * from './create-db';
export * from './migrate';
export * from './test-db';
export * as schema from './schema/index';
export * from './rows';
export * from './roles';
