import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import Attachment from '#models/attachment'
import Message from '#models/message'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { pngPicture, removeStoredAttachments, withUploadLimits } from '#tests/helpers/attachments'
import env from '#start/env'

/**
 * Absolute URL of a page of the app under test
 */
const pageUrl = (path: string) => `http://${env.get('HOST')}:${env.get('PORT')}${path}`

test.group('Browser: files in a room', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => removeStoredAttachments())

  test('a picture sent with the button shows for everyone and opens in the viewer', async ({
    browser,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const bob = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: ana.id }).create()
    const anaContext = await browser.newContext()
    await anaContext.loginAs(ana)
    const bobContext = await browser.newContext()
    await bobContext.loginAs(bob)
    const anaPage = await anaContext.newPage()
    const bobPage = await bobContext.newPage()
    await anaPage.goto(pageUrl(`/rooms/${room.id}`))
    await bobPage.goto(pageUrl(`/rooms/${room.id}`))
    await anaPage.locator('#online-list li', { hasText: ana.username }).waitFor()
    await bobPage.locator('#online-list li', { hasText: bob.username }).waitFor()

    await anaPage
      .getByLabel('Attach a file')
      .setInputFiles({ name: 'sea.png', mimeType: 'image/png', buffer: await pngPicture(640, 320) })

    await anaPage.locator('#upload-list', { hasText: 'sea.png sent' }).waitFor()
    const thumbnail = bobPage.getByRole('link', { name: 'Open picture sea.png' })
    await thumbnail.waitFor()
    const image = thumbnail.getByRole('img', { name: 'Picture: sea.png' })
    assert.deepEqual(
      await image.evaluate((element: HTMLImageElement) => [
        element.naturalWidth,
        element.getAttribute('width'),
        element.getAttribute('height'),
      ]),
      [400, '400', '200']
    )

    await thumbnail.click()
    const viewer = bobPage.getByRole('dialog', { name: 'sea.png' })
    await viewer.waitFor()
    assert.isTrue(
      await viewer
        .getByRole('button', { name: 'Close' })
        .evaluate((button) => button === document.activeElement)
    )
    const full = viewer.getByRole('img', { name: 'Picture: sea.png' })
    await full.evaluate((element: HTMLImageElement) => element.decode())
    assert.equal(await full.evaluate((element: HTMLImageElement) => element.naturalWidth), 640)
    assert.equal(
      await viewer.getByRole('link', { name: 'Download' }).getAttribute('download'),
      'sea.png'
    )
    await bobPage.keyboard.press('Escape')
    await viewer.waitFor({ state: 'hidden' })
    assert.isTrue(await thumbnail.evaluate((link) => link === document.activeElement))
    await anaContext.close()
    await bobContext.close()
  })

  test('files dropped on the messages or pasted into the text are sent in order, with their sizes', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: ana.id }).create()
    await browserContext.loginAs(ana)
    const page = await visit(`/rooms/${room.id}`)
    await page.locator('#online-list li', { hasText: ana.username }).waitFor()

    const dropped = await page.evaluateHandle(() => {
      const transfer = new DataTransfer()
      transfer.items.add(new File(['a'.repeat(2048)], 'first.txt', { type: 'text/plain' }))
      transfer.items.add(new File(['b'], 'second.txt', { type: 'text/plain' }))
      return transfer
    })
    await page.locator('.chat-main').dispatchEvent('dragover', { dataTransfer: dropped })
    await page.locator('.chat-main').dispatchEvent('drop', { dataTransfer: dropped })
    await page.getByRole('link', { name: 'Download second.txt (1 byte)' }).waitFor()
    await page.locator('#message-text').evaluate((textarea) => {
      const transfer = new DataTransfer()
      transfer.items.add(new File(['pasted'], 'pasted.txt', { type: 'text/plain' }))
      textarea.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true })
      )
    })
    await page.getByRole('link', { name: 'Download pasted.txt (6 bytes)' }).waitFor()

    assert.deepEqual(await page.locator('#messages .attachment-name').allInnerTexts(), [
      'first.txt',
      'second.txt',
      'pasted.txt',
    ])
    const first = await Attachment.findByOrFail('name', 'first.txt')
    assert.equal(
      await page.getByRole('link', { name: 'Download first.txt (2 kB)' }).getAttribute('href'),
      `/attachments/${first.id}`
    )
    assert.equal(await page.locator('#message-text').inputValue(), '')
  })

  test('too large a file is refused before sending, saying the limit', async ({
    browserContext,
    visit,
    assert,
    cleanup,
  }) => {
    cleanup(withUploadLimits({ maxFileSize: 1024 }))
    const ana = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: ana.id }).create()
    await browserContext.loginAs(ana)
    const page = await visit(`/rooms/${room.id}`)
    await page.locator('#online-list li', { hasText: ana.username }).waitFor()

    await page.getByLabel('Attach a file').setInputFiles({
      name: 'big.bin',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(2048),
    })

    const refusal = page.getByRole('alert')
    await refusal.waitFor()
    assert.equal(await refusal.innerText(), 'big.bin was not sent: The file is larger than 1 kB.')
    assert.isNull(await Message.first())
  })

  test('with JavaScript off, the plain file input sends a file with its caption', async ({
    browser,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: ana.id }).create()
    const context = await browser.newContext({ javaScriptEnabled: false })
    await context.loginAs(ana)
    const page = await context.newPage()
    await page.goto(pageUrl(`/rooms/${room.id}`))

    await page.locator('#message-text').fill('the plan')
    await page
      .getByLabel('Attach a file')
      .setInputFiles({ name: 'plan.png', mimeType: 'image/png', buffer: await pngPicture(50, 50) })
    await page.locator('#send-form button[type=submit]').click()
    await page.waitForURL(`**/rooms/${room.id}#message-1`)

    const item = page.locator('#message-1')
    assert.equal(await item.locator('.text').innerText(), 'the plan')
    const link = item.getByRole('link', { name: 'Open picture plan.png' })
    const stored = await Attachment.firstOrFail()
    assert.equal(await link.getAttribute('href'), `/attachments/${stored.id}`)
    await link.click()
    await page.waitForURL(`**/attachments/*`)
    await context.close()
  })
})
