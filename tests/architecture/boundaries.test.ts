// The module boundaries of ADR 001, checked twice: the real tree must have no violation, and a
// fixture tree with planted violations must report each one under the right rule, so a rule that
// silently stops matching (a bad regex, a broken @/ alias) fails here instead of passing forever.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { cruise, type ICruiseResult } from 'dependency-cruiser'
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options'
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const fixtures = path.join(root, 'tests/fixtures/boundaries')
const CRUISED = ['app', 'lib', 'modules', 'prisma', 'scripts', 'tests']

type Violation = { from: string; to: string; rule: string }

/**
 * Runs .dependency-cruiser.cjs the way the CLI does (the CLI itself needs Node 22 from
 * dependency-cruiser 18 on; the API does not). `fixtureRoot` re-roots the cruise and the @/ alias there.
 */
async function cruiseTree(dirs: string[], fixtureRoot?: string): Promise<{ violations: Violation[]; rules: string[] }> {
  const configured = await extractDepcruiseOptions(path.join(root, '.dependency-cruiser.cjs'))
  const configuredTsConfig = configured.tsConfig?.fileName
  const tsConfigFile = fixtureRoot
    ? path.join(fixtureRoot, 'tsconfig.json')
    : configuredTsConfig && path.resolve(root, configuredTsConfig)
  const { output } = await cruise(
    dirs,
    {
      ...configured,
      baseDir: fixtureRoot ?? root,
      tsConfig: tsConfigFile ? { fileName: tsConfigFile } : undefined,
      outputType: 'json',
    },
    {},
    { tsConfig: tsConfigFile ? extractTSConfig(tsConfigFile) : undefined },
  )
  const result = (typeof output === 'string' ? JSON.parse(output) : output) as ICruiseResult
  return {
    violations: result.summary.violations.map((v) => ({ from: v.from, to: v.to, rule: v.rule.name })),
    rules: (configured.ruleSet?.forbidden ?? []).map((rule) => rule.name ?? ''),
  }
}

const describeViolation = (v: Violation) => `${v.from} → ${v.to} (${v.rule})`

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(fixtures, path.join(entry.parentPath, entry.name)))
}

/** Each fixture file whose first line is `// PLANTED: <rule> (...)`, with that rule. */
function plantedFixtures(): { file: string; rule: string }[] {
  return listFiles(fixtures).flatMap((file) => {
    const firstLine = readFileSync(path.join(fixtures, file), 'utf8').split('\n', 1)[0] ?? ''
    const rule = /^\/\/ PLANTED: ([a-z-]+)/.exec(firstLine)?.[1]
    return rule ? [{ file, rule }] : []
  })
}

describe('module boundaries (dependency-cruiser)', () => {
  // Cruising the whole tree takes seconds and grows with it; a busy CI machine must not fail it on time.
  it('finds no violation in the real tree', { timeout: 60_000 }, async () => {
    const { violations } = await cruiseTree(CRUISED)
    expect(violations.map(describeViolation)).toEqual([])
  })

  describe('on the fixture tree with planted violations', () => {
    const planted = plantedFixtures()
    let violations: Violation[] = []
    let rules: string[] = []

    beforeAll(async () => {
      ;({ violations, rules } = await cruiseTree(
        CRUISED.filter((dir) => dir !== 'prisma'),
        fixtures,
      ))
    })

    it.each(planted)('$file is reported as $rule', ({ file, rule }) => {
      const reported = violations.filter((v) => v.from === file)
      expect(reported.length).toBeGreaterThan(0)
      expect(reported.map((v) => v.rule)).toEqual(reported.map(() => rule))
    })

    it('reports nothing in the allowed files', () => {
      const plantedFiles = new Set(planted.map((p) => p.file))
      expect(violations.filter((v) => !plantedFiles.has(v.from)).map(describeViolation)).toEqual([])
    })

    it('has a planted violation for every rule', () => {
      const covered = new Set(planted.map((p) => p.rule))
      expect(rules.filter((rule) => !covered.has(rule))).toEqual([])
    })
  })
})

describe('module boundaries (ESLint)', () => {
  const eslint = new ESLint({ cwd: root })

  /** Lints a fixture's text as if it were the file at the same path in the real tree. */
  async function ruleIdsFor(fixture: string, asPath = fixture): Promise<(string | null)[]> {
    const text = readFileSync(path.join(fixtures, fixture), 'utf8')
    const [result] = await eslint.lintText(text, { filePath: path.join(root, asPath) })
    return result?.messages.map((message) => message.ruleId) ?? []
  }

  it('rejects `export *` in a module index', async () => {
    expect(await ruleIdsFor('modules/analytics/index.ts')).toContain('no-restricted-syntax')
  })

  it('allows `export *` outside a module index', async () => {
    expect(await ruleIdsFor('modules/analytics/index.ts', 'modules/analytics/usage.ts')).not.toContain(
      'no-restricted-syntax',
    )
  })

  it('keeps cross-tenant reads to users and billing', async () => {
    expect(await ruleIdsFor('modules/projects/lists-memberships.ts')).toContain('no-restricted-imports')
    expect(await ruleIdsFor('modules/billing/service.ts')).not.toContain('no-restricted-imports')
    expect(await ruleIdsFor('modules/users/service.ts')).not.toContain('no-restricted-imports')
  })
})
