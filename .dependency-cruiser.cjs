// Architecture rules for the modular monolith; see docs/decisions/001-module-graph.md.
// Run: npx depcruise --config .dependency-cruiser.cjs app lib modules prisma scripts tests
// Every rule has a planted violation in tests/fixtures/boundaries/, and
// tests/architecture/boundaries.test.ts asserts that the rule reports it.
//
// NOTE: paths are anchored at `^` and relative to `baseDir` (the repository root, or the fixture tree
// when the test cruises it), so one set of regexes serves both trees. Unresolved imports keep the
// specifier as written (`@/lib/db/...`), which is why the Prisma paths are matched with `(^|/)`.

/** Tests may reach anything: they set up data and check the rules from outside. */
const TESTS = ['^tests/', '\\.test\\.tsx?$']

const PRISMA_RUNTIME = [
  '^lib/db/client\\.ts$',
  '(^|/)lib/db/generated/',
  '(^|/)node_modules/@prisma/(client|adapter-pg)/',
  '^@prisma/(client|adapter-pg)$',
]
const PRISMA_TYPES = ['(^|/)lib/db/generated/', '(^|/)node_modules/@prisma/client/', '^@prisma/client$']
const MAY_TOUCH_PRISMA = ['^lib/db/', '^modules/[^/]+/repo\\.ts$', '^scripts/db/', ...TESTS]

/**
 * The allowed module graph (acyclic). A module may always import its own files; a module that is
 * not listed here depends on no module until this list and the ADR say otherwise.
 */
const MODULE_GRAPH = {
  users: [],
  analytics: [],
  billing: ['users', 'analytics'],
  projects: ['users', 'billing', 'analytics'],
  compliance: ['users', 'billing', 'projects', 'analytics'],
}

const moduleGraphRules = Object.entries(MODULE_GRAPH).map(([name, allowed]) => ({
  name: `module-graph-${name}`,
  severity: 'error',
  comment: `modules/${name} may depend on ${allowed.length ? allowed.join(', ') : 'no other module'} (ADR 001).`,
  from: { path: `^modules/${name}/` },
  to: { path: '^modules/[^/]+/', pathNot: [`^modules/(${[name, ...allowed].join('|')})/`] },
}))

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-public-api-only',
      severity: 'error',
      comment: 'Another module is reached through its index.ts (or contract.ts for schemas and types) only.',
      from: { path: '^modules/([^/]+)/' },
      to: { path: '^modules/[^/]+/', pathNot: ['^modules/$1/', '^modules/[^/]+/(index|contract)\\.ts$'] },
    },
    {
      name: 'outside-uses-module-public-api-only',
      severity: 'error',
      comment: 'app/, prisma/ and scripts/ use a module through its index.ts or contract.ts only.',
      from: { path: '^(app|prisma|scripts)/', pathNot: TESTS },
      to: { path: '^modules/[^/]+/', pathNot: '^modules/[^/]+/(index|contract)\\.ts$' },
    },
    {
      name: 'lib-is-a-leaf',
      severity: 'error',
      comment: 'The kernel in lib/ imports no module and nothing from app/.',
      from: { path: '^lib/' },
      to: { path: '^(app|modules)/' },
    },
    {
      name: 'only-repos-touch-prisma',
      severity: 'error',
      comment:
        'Value imports of the Prisma client live in lib/db, modules/*/repo.ts, scripts/db and tests. ' +
        'Everything else gets the database through @/lib/db (withTenant, identityDb).',
      from: { pathNot: MAY_TOUCH_PRISMA },
      to: { path: PRISMA_RUNTIME, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'prisma-types-stay-in-repos',
      severity: 'error',
      comment: 'Generated Prisma types are for repositories; services and edges speak DTOs from contract.ts.',
      from: { pathNot: MAY_TOUCH_PRISMA },
      to: { path: PRISMA_TYPES, dependencyTypes: ['type-only'] },
    },
    {
      name: 'tenant-context-created-by-users-or-jobs',
      severity: 'error',
      comment:
        'A TenantContext is made from a verified session (modules/users) or a tenant-carrying event ' +
        '(lib/jobs); everything else receives one.',
      from: { pathNot: ['^modules/users/', '^lib/jobs/', ...TESTS] },
      to: { path: '^lib/tenant-context-factory\\.ts$' },
    },
    {
      name: 'tenant-context-registry-private',
      severity: 'error',
      comment: 'The registry of issued contexts is private to lib/tenant-context*.ts.',
      from: { pathNot: '^lib/tenant-context[^/]*\\.ts$' },
      to: { path: '^lib/tenant-context-registry\\.ts$' },
    },
    {
      name: 'db-system-only-through-index',
      severity: 'error',
      comment:
        'Cross-tenant reads go through @/lib/db; which names a module may call is checked by ESLint ' +
        'and review (ADR 001).',
      from: { pathNot: ['^lib/db/index\\.ts$', ...TESTS] },
      to: { path: '^lib/db/system\\.ts$' },
    },
    ...moduleGraphRules,
    {
      name: 'module-graph-unlisted',
      severity: 'error',
      comment: 'A module missing from MODULE_GRAPH depends on no other module; add it to the graph first.',
      from: { path: `^modules/(?!(?:${Object.keys(MODULE_GRAPH).join('|')})/)([^/]+)/` },
      to: { path: '^modules/[^/]+/', pathNot: '^modules/$1/' },
    },
    {
      name: 'nothing-imports-app',
      severity: 'error',
      comment: 'app/ is the outermost layer: routes and pages import the rest, never the other way round.',
      from: { pathNot: ['^app/', ...TESTS] },
      to: { path: '^app/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, type-only ones included: they hide an undecided dependency direction.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'Every import resolves. Guards the @/ alias too: if it stopped resolving, the rules above would ' +
        'see no edges and pass. The generated client is exempt so the check runs before `prisma generate`.',
      from: {},
      to: { couldNotResolve: true, pathNot: '(^|/)generated/prisma/' },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules', '^lib/db/generated/'] },
    exclude: { path: ['^tests/fixtures/boundaries/', '^\\.next/', '^\\.data/'] },
    // Type-only imports are edges too (`prisma-types-stay-in-repos`, cycles).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
}
