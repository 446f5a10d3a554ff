export * from './staff';
export * from './audit';
export * from './directory';
export * from './contacts';
export * from './directory-editing';
export * from './retention';
