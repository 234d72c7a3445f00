import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultToolsDir, ensureGoBinary, type EnsureGoBinaryOptions } from './go-binary'

// The package's last element (`server`) differs from the tool name on purpose, as with LiveKit's server.
const SPEC = {
  name: 'faketool',
  goPackage: 'example.com/fake/cmd/server',
  version: 'v1.2.3',
  envVar: 'FAKETOOL_PATH',
}

/**
 * A FAKE `go` for tests: records its arguments and build env, then "builds" by writing a tiny
 * executable into $GOBIN under the package's last path element, like `go install` does.
 * With FAKE_GO_FAIL set it prints a compiler-like error and exits 1 instead.
 */
const FAKE_GO = `#!/bin/sh
PATH=/usr/bin:/bin
printf '%s\\n' "$*" >> "$FAKE_GO_LOG"
printf 'GOBIN=%s CGO_ENABLED=%s\\n' "$GOBIN" "$CGO_ENABLED" >> "$FAKE_GO_LOG"
if [ -n "$FAKE_GO_FAIL" ]; then
  echo "go: downloading example.com/fake v1.2.3"
  echo "fake.go:1:1: FAKE-GO-COMPILE-ERROR undefined: nothing" >&2
  exit 1
fi
pkg=\${2%@*}
printf '#!/bin/sh\\necho built-by-fake-go\\n' > "$GOBIN/\${pkg##*/}"
chmod +x "$GOBIN/\${pkg##*/}"
`

let root: string
let emptyDir: string

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pitcrew-go-binary-'))
  emptyDir = join(root, 'empty')
  mkdirSync(emptyDir)
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

function executable(path: string, body = '#!/bin/sh\necho hi\n'): string {
  writeFileSync(path, body)
  chmodSync(path, 0o755)
  return path
}

function dirWith(name: string, file: string): string {
  const dir = join(root, name)
  mkdirSync(dir, { recursive: true })
  executable(join(dir, file))
  return dir
}

function fakeGoDir(): string {
  const dir = join(root, 'fake-go-bin')
  mkdirSync(dir, { recursive: true })
  executable(join(dir, 'go'), FAKE_GO)
  return dir
}

function options(env: NodeJS.ProcessEnv, extra: Partial<EnsureGoBinaryOptions> = {}) {
  const lines: string[] = []
  const opts: EnsureGoBinaryOptions = {
    ...SPEC,
    toolsDir: join(root, 'tools'),
    env: { FAKE_GO_LOG: join(root, 'go.log'), ...env },
    log: (line) => lines.push(line),
    ...extra,
  }
  return { opts, lines }
}

function cacheBinary(): string {
  mkdirSync(join(root, 'tools', 'bin'), { recursive: true })
  return executable(join(root, 'tools', 'bin', 'faketool'))
}

describe('ensureGoBinary search order', () => {
  it('prefers the env var over PATH and the cache', async () => {
    const fromEnv = executable(join(root, 'my-faketool'))
    cacheBinary()
    const { opts } = options({ FAKETOOL_PATH: fromEnv, PATH: dirWith('on-path', 'faketool') })
    expect(await ensureGoBinary(opts)).toBe(fromEnv)
  })

  it('takes the env var value from envPath when the caller read it already', async () => {
    const fromEnv = executable(join(root, 'configured'))
    const { opts } = options({ PATH: emptyDir }, { envPath: fromEnv })
    expect(await ensureGoBinary(opts)).toBe(fromEnv)
  })

  it('rejects an env var that does not name an executable file, naming the variable', async () => {
    const notExec = join(root, 'plain')
    writeFileSync(notExec, 'x')
    const cases: [string, RegExp][] = [
      [join(root, 'missing'), /FAKETOOL_PATH=.*missing does not exist/],
      [emptyDir, /FAKETOOL_PATH=.*empty is not a file/],
      [notExec, /FAKETOOL_PATH=.*plain is not executable/],
    ]
    for (const [value, message] of cases) {
      // Even with a good binary on PATH: a wrong explicit setting must not be silently ignored.
      const { opts } = options({ FAKETOOL_PATH: value, PATH: dirWith('on-path', 'faketool') })
      await expect(ensureGoBinary(opts)).rejects.toThrow(message)
    }
  })

  it('uses the binary on PATH before the cache', async () => {
    cacheBinary()
    const dir = dirWith('on-path', 'faketool')
    const { opts } = options({ PATH: `${emptyDir}::${dir}` })
    expect(await ensureGoBinary(opts)).toBe(join(dir, 'faketool'))
  })

  it('uses the cached binary when it is not on PATH, without running go', async () => {
    const cached = cacheBinary()
    const { opts } = options({ PATH: fakeGoDir() })
    expect(await ensureGoBinary(opts)).toBe(cached)
    expect(existsSync(join(root, 'go.log'))).toBe(false)
  })
})

describe('ensureGoBinary build with a fake go', () => {
  it('runs go install <pkg>@<version> with GOBIN in the cache and CGO_ENABLED=0, then renames', async () => {
    const { opts, lines } = options({ PATH: fakeGoDir() })
    const path = await ensureGoBinary(opts)
    const binDir = join(root, 'tools', 'bin')
    expect(path).toBe(join(binDir, 'faketool'))
    expect(readFileSync(path, 'utf8')).toContain('built-by-fake-go')

    const [args, buildEnv] = readFileSync(join(root, 'go.log'), 'utf8').trim().split('\n')
    expect(args).toBe('install example.com/fake/cmd/server@v1.2.3')
    const gobin = /GOBIN=(\S+) CGO_ENABLED=(\S*)/.exec(buildEnv ?? '')
    expect(gobin?.[1]?.startsWith(join(binDir, '.build-faketool-'))).toBe(true)
    expect(gobin?.[2]).toBe('0')
    // The temporary build folder is gone; only the binary and its version stamp remain.
    expect(readdirSync(binDir).sort()).toEqual(['.faketool.version', 'faketool'])
    expect(lines[0]).toBe('building faketool v1.2.3 with Go, first time only, takes a few minutes...')

    // Second call: served from the cache, go is not run again.
    expect(await ensureGoBinary(opts)).toBe(path)
    expect(readFileSync(join(root, 'go.log'), 'utf8').trim().split('\n')).toHaveLength(2)
  })

  it('rebuilds a cached binary stamped with another version', async () => {
    cacheBinary()
    writeFileSync(join(root, 'tools', 'bin', '.faketool.version'), 'example.com/fake/cmd/server@v1.0.0\n')
    const { opts } = options({ PATH: fakeGoDir() })
    const path = await ensureGoBinary(opts)
    expect(readFileSync(path, 'utf8')).toContain('built-by-fake-go')
  })

  it('reports the go output when the build fails, and caches nothing', async () => {
    const { opts } = options({ PATH: fakeGoDir(), FAKE_GO_FAIL: '1' })
    const err: Error = await ensureGoBinary(opts).then(
      () => expect.unreachable('the build should fail'),
      (e: Error) => e,
    )
    expect(err.message).toContain('go install example.com/fake/cmd/server@v1.2.3 failed (exit code 1)')
    expect(err.message).toContain('FAKE-GO-COMPILE-ERROR undefined: nothing')
    expect(err.message).toContain('go: downloading example.com/fake v1.2.3')
    expect(readdirSync(join(root, 'tools', 'bin'))).toEqual([])
  })

  it('says what to install when there is no Go', async () => {
    const { opts } = options({ PATH: emptyDir })
    await expect(ensureGoBinary(opts)).rejects.toThrow(
      /Go is not installed.*Install Go 1\.23 or newer.*faketool binary on PATH, or set FAKETOOL_PATH/,
    )
  })
})

describe('defaultToolsDir', () => {
  it('prefers PITCREW_TOOLS_DIR, then XDG_CACHE_HOME, then ~/.cache', () => {
    expect(defaultToolsDir({ PITCREW_TOOLS_DIR: '/opt/t', XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/opt/t')
    expect(defaultToolsDir({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/x/pitcrew/tools')
    expect(defaultToolsDir({ XDG_CACHE_HOME: 'relative', HOME: '/h' })).toBe('/h/.cache/pitcrew/tools')
    expect(defaultToolsDir({ HOME: '/h' })).toBe('/h/.cache/pitcrew/tools')
  })
})
