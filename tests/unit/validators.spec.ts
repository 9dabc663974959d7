import { test } from '@japa/runner'
import { errors as vineErrors } from '@vinejs/vine'
import { credentialsValidator } from '#validators/user'
import { searchRoomsValidator, showRoomValidator } from '#validators/room'

/**
 * Rules that failed, as "field:rule"
 */
async function failures(promise: Promise<unknown>) {
  try {
    await promise
    return []
  } catch (error) {
    if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
    return error.messages.map(
      (entry: { field: string; rule: string }) => `${entry.field}:${entry.rule}`
    )
  }
}

test.group('Validators', () => {
  test('credentials: strings with size limits', async ({ assert }) => {
    assert.deepEqual(
      await failures(credentialsValidator.validate({ username: 'ana', password: 'x' })),
      []
    )
    assert.deepEqual(await failures(credentialsValidator.validate({})), [
      'username:required',
      'password:required',
    ])
    assert.deepEqual(
      await failures(
        credentialsValidator.validate({ username: 'a'.repeat(33), password: 'p'.repeat(129) })
      ),
      ['username:maxLength', 'password:maxLength']
    )
  })

  test('room search: optional term ≤ 64 chars and a positive whole page', async ({ assert }) => {
    assert.deepEqual(await searchRoomsValidator.validate({ q: 'chess', page: '2' }), {
      q: 'chess',
      page: 2,
    })
    assert.deepEqual(await failures(searchRoomsValidator.validate({ q: 'q'.repeat(65) })), [
      'q:maxLength',
    ])
    assert.deepEqual(await failures(searchRoomsValidator.validate({ page: '0' })), ['page:min'])
    assert.deepEqual(await failures(searchRoomsValidator.validate({ page: '1.5' })), [
      'page:withoutDecimals',
    ])
    assert.deepEqual(await failures(searchRoomsValidator.validate({ page: 'abc' })), [
      'page:number',
    ])
  })

  test('room page: `before` is a positive whole number', async ({ assert }) => {
    assert.deepEqual(await showRoomValidator.validate({ before: '51' }), { before: 51 })
    assert.deepEqual(await showRoomValidator.validate({}), {})
    assert.deepEqual(await failures(showRoomValidator.validate({ before: '-1' })), ['before:min'])
  })
})
