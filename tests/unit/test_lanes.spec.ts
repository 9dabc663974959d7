import { test } from '@japa/runner'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BALANCING_SPECS, planLanes } from '#tests/lanes/plan'
import { laneSuites } from '#tests/lanes/lane_suites'
import { laneResult, lanesSummary, runLanes } from '#tests/lanes/run'
import { testEnvironment } from '#tests/lanes/test_environment'

const ports = { browser: 45123 }

test.group('Test lanes: which runs split', () => {
  test('a whole run splits: the browser suite (and a balancing spec) beside unit + functional, with its own resources', ({
    assert,
  }) => {
    const lanes = planLanes([], {}, ports)
    assert.deepEqual(
      lanes.map((lane) => [lane.name, lane.suites]),
      [
        ['unit+functional', ['unit', 'functional']],
        ['browser', ['functional', 'browser']],
      ]
    )
    assert.deepEqual(lanes[0].env, { TEST_LANE: 'unit+functional' })
    assert.deepEqual(lanes[1].env, {
      TEST_LANE: 'browser',
      PORT: '45123',
      APP_URL: 'http://127.0.0.1:45123',
      EMBEDDED_PG_DIR: 'tmp/postgres/test-browser',
      MAIL_DIR: 'tmp/mail/test-browser',
      UPLOADS_DIR: 'tmp/uploads/test-browser',
    })
  })

  test('reporter and timeout flags still split', ({ assert }) => {
    assert.lengthOf(planLanes(['--reporters', 'dot', '--timeout', '5000'], {}, ports), 2)
  })

  test('{$i}: arguments that pick suites or tests run as one process')
    .with([
      ['browser'],
      ['unit', 'functional'],
      ['--files', 'tests/unit/x.spec.ts'],
      ['--files=x'],
      ['--tests', 'one'],
      ['--groups', 'one'],
      ['--tags', '@slow'],
      ['--failed'],
    ])
    .run(({ assert }, args) => {
      assert.deepEqual(planLanes(args, {}, ports), [])
    })

  test('{name} in the environment runs as one process')
    .with([
      { name: 'TEST_LANES', value: '1' },
      { name: 'TEST_LANE', value: 'browser' },
      { name: 'DB_HOST', value: '127.0.0.1' },
      { name: 'DATABASE_URL', value: 'postgres://u:p@127.0.0.1/roomchat' },
    ])
    .run(({ assert }, { name, value }) => {
      assert.deepEqual(planLanes([], { [name]: value }, ports), [])
    })

  test('a database set in .env or .env.test counts; the process environment wins', async ({
    assert,
    cleanup,
  }) => {
    const root = await mkdtemp(join(tmpdir(), 'roomchat-lanes-'))
    cleanup(() => rm(root, { recursive: true, force: true }))
    await writeFile(join(root, '.env'), 'DB_HOST=db.example\nPORT=1\n')
    await writeFile(join(root, '.env.test'), 'PORT=2\nMAIL_DIR=tmp/mail\n')
    const env = await testEnvironment(root, { PORT: '3' })
    assert.deepEqual(env, { DB_HOST: 'db.example', PORT: '3', MAIL_DIR: 'tmp/mail' })
    assert.deepEqual(planLanes([], env, ports), [])
    assert.lengthOf(planLanes([], await testEnvironment(join(root, 'nothing'), {}), ports), 2)
  })
})

test.group('Test lanes: which spec files each lane runs', () => {
  test('every spec file runs in exactly one lane; the balancing specs in the browser lane', async ({
    assert,
  }) => {
    const root = process.cwd()
    const suites = [
      { name: 'unit', files: ['tests/unit/**/*.spec.{ts,js}'] },
      { name: 'functional', files: ['tests/functional/**/*.spec.{ts,js}'] },
      { name: 'browser', files: ['tests/browser/**/*.spec.{ts,js}'] },
    ]
    const run = async (lane: string | undefined, picked: string[]) => {
      const files = await Promise.all(
        laneSuites(suites, lane, root)
          .filter((suite) => picked.includes(suite.name))
          .map(async (suite) => (typeof suite.files === 'function' ? suite.files() : []))
      )
      return files.flat().map((url) => url.pathname.slice(root.length + 1))
    }
    const first = await run('unit+functional', ['unit', 'functional'])
    const second = await run('browser', ['functional', 'browser'])

    assert.deepEqual(
      second.filter((file) => !file.startsWith('tests/browser/')),
      BALANCING_SPECS
    )
    assert.notIncludeMembers(first, BALANCING_SPECS)
    assert.includeMembers(first, [
      'tests/unit/test_lanes.spec.ts',
      'tests/functional/health.spec.ts',
    ])
    assert.isAbove(second.length, BALANCING_SPECS.length)
    assert.deepEqual(
      first.filter((file) => second.includes(file)),
      []
    )
    assert.lengthOf(new Set([...first, ...second]), first.length + second.length)
    assert.strictEqual(laneSuites(suites, undefined, root), suites)
  })
})

test.group('Test lanes: counting', () => {
  test("a lane's last summary line counts; none, or another lane's, is one failure", ({
    assert,
  }) => {
    const output = 'lane browser: 1 passed, 5 failed\n...\nlane browser: 99 passed, 2 failed\n'
    assert.include(laneResult('browser', output, 1, Date.now()), { passed: 99, failed: 2 })
    assert.include(laneResult('browser', 'crashed\n', 1, Date.now()), { passed: 0, failed: 1 })
    assert.include(laneResult('browser', 'lane unit: 3 passed, 0 failed', 0, Date.now()), {
      passed: 0,
      failed: 1,
    })
  })

  test('the run ends with one plain line of the sums; a non-zero exit with no failure counts one', ({
    assert,
  }) => {
    const summary = lanesSummary([
      { name: 'a', passed: 10, failed: 0, exitCode: 0, seconds: 3 },
      { name: 'b', passed: 5, failed: 0, exitCode: 1, seconds: 4 },
    ])
    assert.equal(summary.failed, 1)
    assert.equal(summary.text.split('\n').at(-1), '15 passed, 1 failed')
    assert.include(summary.text, 'lane b: 5 passed, 0 failed, exit 1, 4 s')
  })
})

test.group('Test lanes: running', () => {
  test('lanes run at once with their own environment; the first streams, the others print whole', async ({
    assert,
    cleanup,
  }) => {
    const root = await mkdtemp(join(tmpdir(), 'roomchat-lanes-'))
    cleanup(() => rm(root, { recursive: true, force: true }))
    const script = join(root, 'fake_test.mjs')
    await writeFile(
      script,
      [
        "import { existsSync, writeFileSync } from 'node:fs'",
        'const lane = process.env.TEST_LANE',
        'console.log(`${lane} got ${process.argv.slice(2).join(" ")} on ${process.env.PORT ?? "-"}`)',
        // The slow lane passes only if the quick one started meanwhile: the lanes run at once
        'if (lane === "quick") writeFileSync("quick-started", "")',
        'let waited = 0',
        'while (lane === "slow" && !existsSync("quick-started") && waited < 5000) {',
        '  await new Promise((resolve) => setTimeout(resolve, 10))',
        '  waited += 10',
        '}',
        'const passed = lane === "quick" || existsSync("quick-started")',
        'console.log(`lane ${lane}: ${passed ? 4 : 0} passed, ${passed ? 0 : 1} failed`)',
        'process.exit(lane === "slow" ? 0 : 1)',
      ].join('\n')
    )
    let printed = ''
    const results = await runLanes(
      [
        { name: 'slow', suites: ['one'], env: { TEST_LANE: 'slow' } },
        { name: 'quick', suites: ['two'], env: { TEST_LANE: 'quick', PORT: '4999' } },
      ],
      { script, args: ['--x'], cwd: root, nodeArgs: [] },
      (text) => (printed += text)
    )
    assert.deepEqual(
      results.map(({ name, passed, failed, exitCode }) => [name, passed, failed, exitCode]),
      [
        ['slow', 4, 0, 0],
        ['quick', 4, 0, 1],
      ]
    )
    assert.include(printed, 'slow got one --x on')
    assert.include(printed, '── lane quick')
    assert.include(printed, 'quick got two --x on 4999')
    // The quick lane ended first, yet it is printed whole, after its heading
    assert.isBelow(printed.indexOf('── lane quick'), printed.indexOf('quick got two'))
    assert.equal(
      await readFile(join(root, 'tmp', 'test-lanes', 'quick.log'), 'utf8'),
      'quick got two --x on 4999\nlane quick: 4 passed, 0 failed\n'
    )
    assert.equal(lanesSummary(results).text.split('\n').at(-1), '8 passed, 1 failed')
  }).timeout(10_000)
})
