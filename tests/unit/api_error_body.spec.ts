import { test } from '@japa/runner'
import vine, { errors as vineErrors } from '@vinejs/vine'
import { Exception } from '@adonisjs/core/exceptions'
import { apiErrorBody } from '#exceptions/api_error_body'

test.group('apiErrorBody', () => {
  test('maps validation errors to 422 with field and rule', async ({ assert }) => {
    const validator = vine.create({ name: vine.string().maxLength(3) })
    const error = await validator.validate({ name: 'toolong' }).catch((caught) => caught)
    assert.instanceOf(error, vineErrors.E_VALIDATION_ERROR)
    const { status, body } = apiErrorBody(error, true)
    assert.equal(status, 422)
    assert.deepEqual(body.errors, [
      {
        code: 'E_VALIDATION_ERROR',
        field: 'name',
        rule: 'maxLength',
        message: 'The name field must not be greater than 3 characters',
      },
    ])
  })

  test('keeps status and code of HTTP exceptions', ({ assert }) => {
    const error = new Exception('Room not found', { status: 404, code: 'E_ROW_NOT_FOUND' })
    assert.deepEqual(apiErrorBody(error, true), {
      status: 404,
      body: { errors: [{ code: 'E_ROW_NOT_FOUND', message: 'Room not found' }] },
    })
  })

  test('turns invalid credentials into a 401', ({ assert }) => {
    const error = new Exception('Invalid user credentials', {
      status: 400,
      code: 'E_INVALID_CREDENTIALS',
    })
    assert.equal(apiErrorBody(error, true).status, 401)
  })

  test('hides internals of unexpected errors in production only', ({ assert }) => {
    const error = new Error('connection string postgres://secret')
    assert.deepEqual(apiErrorBody(error, true), {
      status: 500,
      body: { errors: [{ code: 'E_INTERNAL', message: 'Internal server error' }] },
    })
    assert.equal(
      apiErrorBody(error, false).body.errors[0].message,
      'connection string postgres://secret'
    )
  })
})
