export * from './field-errors';
export * from './status-error';
