import { gzipSync } from 'node:zlib'
import { test } from '@japa/runner'
import type { Response } from 'playwright'
import { truncateTables } from '#tests/helpers/database'
import { UserFactory } from '#database/factories/user_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'

/**
 * The room page's budget: HTML, CSS and JavaScript, gzip-compressed. 32 KB until reactions,
 * pins and replies (36.2 KB with them: chips, the React, Reply and Pin menu items and their
 * no-JavaScript forms; the emoji picker, its list and styles load only when it opens); 40 KB
 * with the sidebar of my rooms and its drawer (shell.js, about 2 KB with its HTML and styles);
 * 41 KB with batched replays and the live sidebar's throttle (41,201 bytes measured: room.js
 * +58, shell.js +165, the shared throttle chunk 140); 41,661 bytes with drafts kept per room
 * (a chunk shared by the composer and shell.js, which forgets them on log-out); 41,914 with a
 * refused message's "Send again" and "Discard" and the mute notices; 43 KB with the badges and
 * the count counted in the tab (43,171 bytes measured, +1,257: the shared unread_counts chunk
 * 1,122 in place of the throttle's 140, shell.js drawing badges, the sidebar's badge labels)
 */
const BUDGET_BYTES = 43 * 1024

/** Cache-Control of Vite's fingerprinted builds (config/static.ts) */
const IMMUTABLE = 'public, max-age=31536000, immutable'

/**
 * A built asset's name without its content hash ("room-CnwwhDdO.js" → "room.js")
 */
function assetName(url: string) {
  return new URL(url).pathname.replace(/^\/assets\//, '').replace(/-[\w-]{8}(\.\w+)$/, '$1')
}

test.group('Browser: page weight and cacheable assets', (group) => {
  group.each.setup(() => truncateTables())

  test('the room page loads fingerprinted, immutable bundles, under 43 KB compressed in all', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await createRoomWithMessages(user, 50)
    await browserContext.loginAs(user)
    const responses: Response[] = []
    browserContext.on('response', (response) => {
      /* The service worker's own script is no page asset (tests/browser/notifications.spec.ts) */
      if (new URL(response.url()).pathname === '/sw.js') return
      if (['document', 'stylesheet', 'script'].includes(response.request().resourceType())) {
        responses.push(response)
      }
    })
    const page = await visit(`/rooms/${room.id}`)
    await page.waitForLoadState('networkidle')

    const [document, ...assets] = responses
    assert.equal(new URL(document.url()).pathname, `/rooms/${room.id}`)
    assert.sameMembers(
      assets.map((response) => assetName(response.url())),
      [
        'app.css',
        'room.css',
        'app.js',
        'room.js',
        'confirm_dialog.js',
        'person_name.js',
        'vendor.js',
        'shell.js',
        'notifications.js',
        'unread_counts.js',
        'drafts.js',
        'notification_sound.js',
        'user_events.js',
        'live_events.js',
      ]
    )
    for (const asset of assets) {
      assert.match(new URL(asset.url()).pathname, /^\/assets\/\w+-[\w-]{8}\.(js|css)$/)
      assert.equal(asset.headers()['cache-control'], IMMUTABLE, asset.url())
    }
    const bodies = await Promise.all(responses.map((response) => response.body()))
    const compressed = bodies.reduce((total, body) => total + gzipSync(body).length, 0)
    assert.isBelow(compressed, BUDGET_BYTES)
  })
})
