import { test } from '@japa/runner'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createDotEnvOnFirstRun } from '#start/first_run'

test.group('createDotEnvOnFirstRun', (group) => {
  let dir: string
  let savedNodeEnv: string | undefined
  let savedAppKey: string | undefined

  group.each.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roomchat-env-'))
    await writeFile(join(dir, '.env.example'), 'PORT=3333\nAPP_KEY=\nNODE_ENV=development\n')
    savedNodeEnv = process.env.NODE_ENV
    savedAppKey = process.env.APP_KEY
    delete process.env.APP_KEY
    return async () => {
      process.env.NODE_ENV = savedNodeEnv
      process.env.APP_KEY = savedAppKey
      await rm(dir, { recursive: true, force: true })
    }
  })

  test('writes .env from .env.example with a fresh 256-bit key, readable by the owner only', async ({
    assert,
  }) => {
    process.env.NODE_ENV = 'development'
    assert.equal(
      await createDotEnvOnFirstRun(pathToFileURL(`${dir}/`)),
      'First run: wrote .env from .env.example with a newly generated APP_KEY'
    )
    const contents = await readFile(join(dir, '.env'), 'utf8')
    assert.match(contents, /^PORT=3333\nAPP_KEY=[A-Za-z0-9_-]{43}\nNODE_ENV=development\n$/)
    const { mode } = await stat(join(dir, '.env'))
    assert.equal(mode & 0o777, 0o600)
  })

  test('leaves an existing .env alone', async ({ assert }) => {
    process.env.NODE_ENV = 'development'
    await writeFile(join(dir, '.env'), 'APP_KEY=mine\n')
    assert.isNull(await createDotEnvOnFirstRun(pathToFileURL(`${dir}/`)))
    assert.equal(await readFile(join(dir, '.env'), 'utf8'), 'APP_KEY=mine\n')
  })

  test('fills in the empty APP_KEY of a .env copied from the example, keeping the rest', async ({
    assert,
  }) => {
    process.env.NODE_ENV = 'development'
    await writeFile(join(dir, '.env'), 'PORT=4000\nAPP_KEY=\nNODE_ENV=development\n')
    assert.equal(
      await createDotEnvOnFirstRun(pathToFileURL(`${dir}/`)),
      'First run: .env had an empty APP_KEY; wrote a newly generated one into it'
    )
    const contents = await readFile(join(dir, '.env'), 'utf8')
    assert.match(contents, /^PORT=4000\nAPP_KEY=[A-Za-z0-9_-]{43}\nNODE_ENV=development\n$/)
  })

  test('never runs in production or tests', async ({ assert }) => {
    for (const nodeEnv of ['production', 'test']) {
      process.env.NODE_ENV = nodeEnv
      assert.isNull(await createDotEnvOnFirstRun(pathToFileURL(`${dir}/`)))
      await assert.rejects(() => stat(join(dir, '.env')))
    }
  })
})
