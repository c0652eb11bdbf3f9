export * from './disposable';
export * from './event';
export * from './clock';
export * from './virtual-clock';
export * from './seeded-random';
export * from './rate-limiter';
export * from './work-queue';
export * from './logger';
