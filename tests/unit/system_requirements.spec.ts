import { test } from '@japa/runner'
import {
  ensureTestSystemRequirements,
  missingRequirements,
  TEST_SYSTEM_REQUIREMENTS,
} from '#tests/system_requirements'

const installed = { debianPackage: 'coreutils', program: 'ls', usedBy: 'nothing' }
const absent = {
  debianPackage: 'roomchat-absent',
  program: 'roomchat-no-such-program',
  usedBy: 'a test of the requirements',
}

test.group('System requirements of the tests', () => {
  test('lists chromium, redis-server, nginx, envsubst and script, each with its Debian package', ({
    assert,
  }) => {
    assert.deepEqual(
      TEST_SYSTEM_REQUIREMENTS.map((one) => one.debianPackage),
      ['chromium', 'redis-server', 'nginx', 'gettext-base', 'bsdutils']
    )
  })

  test('finds what is installed, also in /usr/sbin off the PATH, and reports what is not', ({
    assert,
    cleanup,
  }) => {
    const path = process.env.PATH
    cleanup(() => {
      process.env.PATH = path
    })
    process.env.PATH = '/usr/bin:/bin'
    const inSbin = { debianPackage: 'passwd', program: 'useradd', usedBy: 'nothing' }
    assert.deepEqual(missingRequirements([installed, absent, inSbin]), [absent])
  })

  test('does nothing when everything is installed', ({ assert }) => {
    const lines: string[] = []
    ensureTestSystemRequirements((line) => lines.push(line), [installed], false)
    assert.deepEqual(lines, [])
  })

  test('without root, stops at once with the exact command to run', ({ assert }) => {
    assert.throws(
      () => ensureTestSystemRequirements(() => {}, [installed, absent], false),
      'The tests need roomchat-no-such-program (roomchat-absent, a test of the requirements). ' +
        'Install with: sudo apt-get update && sudo apt-get install -y --no-install-recommends roomchat-absent'
    )
  })
})
