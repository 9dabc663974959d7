import { test } from '@japa/runner'
import hash from '@adonisjs/core/services/hash'
import limiter from '@adonisjs/limiter/services/main'
import { CookieJar } from '#tests/helpers/cookie_jar'
import { appUrl, redirectOf, signedInBrowser } from '#tests/helpers/signed_in_browser'
import { ChatTestClient } from '#tests/helpers/ws_client'
import { appOrigin, chatGroup, createUser } from '#tests/helpers/chat_fixtures'
import { linkIn, mailbox } from '#tests/helpers/mailbox'

chatGroup('Password reset: sign-outs', (chat, group) => {
  group.each.setup(async () => {
    await mailbox.clear()
    return () => limiter.clear()
  })

  test('a reset ends every browser session of the account and closes their sockets with 1008', async ({
    assert,
  }) => {
    const user = await createUser()
    user.email = 'forgetful@example.com'
    await user.save()
    const laptop = await signedInBrowser(user, 'Laptop')
    const phone = await signedInBrowser(user, 'Phone')
    const sockets = await Promise.all(
      [laptop, phone].map(async (browser) => {
        const response = await browser.fetch(`${appUrl}/chat/ticket`)
        const { ticket } = (await response.json()) as { ticket: string }
        return ChatTestClient.open(chat.url, ticket, { origin: appOrigin })
      })
    )

    const stranger = new CookieJar()
    const asked = await stranger.submit(`${appUrl}/forgot-password`, `${appUrl}/forgot-password`, {
      email: 'forgetful@example.com',
    })
    assert.equal(asked.headers.get('location'), '/forgot-password')
    const [mail] = await mailbox.to('forgetful@example.com')
    const path = linkIn(mail, '/reset-password/')
    const reset = await stranger.submit(`${appUrl}${path}`, `${appUrl}${path}`, {
      password: 'brand-new-password',
      passwordConfirmation: 'brand-new-password',
    })

    assert.equal(reset.headers.get('location'), '/login')
    for (const socket of sockets) {
      assert.deepEqual(await socket.closed, { code: 1008, reason: 'signed out' })
    }
    assert.equal(await redirectOf(laptop, '/rooms'), '/login')
    assert.equal(await redirectOf(phone, '/rooms'), '/login')
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, 'brand-new-password'))
  })
})
