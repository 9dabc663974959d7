import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import Message from '#models/message'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'

test.group('Room composer without JavaScript', (group) => {
  group.each.setup(() => truncateTables())

  test('the page says nothing about connecting or Enter, which only JavaScript does', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()
    const page = await client.get(`/rooms/${room.id}`).loginAs(user)
    page.assertStatus(200)
    // The texts room.js uses wait in a JSON block, which is never shown
    const shown = page.text().replace(/<script[^>]*>[^<]*<\/script>/g, '')
    assert.include(page.text(), '"connecting":"Connecting…"')
    assert.notInclude(shown, 'Connecting…')
    assert.notInclude(shown, 'Enter sends')
    assert.include(page.text(), '<section class="online" aria-labelledby="online-heading" hidden>')
    assert.notInclude(page.text(), 'maxlength="4000"')
  })

  test('posting returns to the new message', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()
    for (const [text, seq] of [
      ['first', 1],
      ['second', 2],
    ] as const) {
      const posted = await client
        .post(`/rooms/${room.id}/messages`)
        .withCsrfToken()
        .loginAs(user)
        .form({ text })
        .redirects(0)
      assert.equal(posted.header('location'), `/rooms/${room.id}#message-${seq}`)
    }
    const page = await client.get(`/rooms/${room.id}`).loginAs(user)
    assert.match(page.text(), /<li\s+id="message-2"/)
  })

  test('an over-long or blank message is refused with a clear error, the text kept', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()
    const post = (text: string) =>
      client
        .post(`/rooms/${room.id}/messages`)
        .withCsrfToken()
        .loginAs(user)
        .header('referer', `/rooms/${room.id}`)
        .form({ text })
        .redirects(0)

    const long = 'x'.repeat(4001)
    const tooLong = await post(long)
    assert.equal(tooLong.header('location'), `/rooms/${room.id}`)
    assert.deepEqual(tooLong.flashMessages().inputErrorsBag, {
      text: ['The message cannot be longer than 4000 characters.'],
    })
    assert.equal(tooLong.flashMessages().text, long)

    const blank = await post('   ')
    assert.deepEqual(blank.flashMessages().inputErrorsBag, {
      text: ['The message cannot be empty.'],
    })
    assert.lengthOf(await Message.query().where('room_id', room.id), 0)

    const shown = await client
      .get(`/rooms/${room.id}`)
      .loginAs(user)
      .withFlashMessages(blank.flashMessages())
    assert.include(
      shown.text(),
      '<p class="field-error" id="message-text-error">\n      <span>The message cannot be empty.</span>'
    )
  })

  test('a blank edit through the API says why', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id, lastSeq: 1 }).create()
    await Message.create({ roomId: room.id, userId: user.id, seq: 1, body: 'hello' })
    for (const text of ['', '   ']) {
      const response = await client
        .patch(`/api/v1/rooms/${room.id}/messages/1`)
        .withGuard('api')
        .loginAs(user)
        .json({ text })
      assert.equal(response.status(), 422)
      assert.equal(response.body().errors[0].message, 'The message cannot be empty.', `"${text}"`)
    }
  })
})
