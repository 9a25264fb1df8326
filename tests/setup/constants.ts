export const WORKER_DATABASE_PREFIX = 'tenantkit_test_'
