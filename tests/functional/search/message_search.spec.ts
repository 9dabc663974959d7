import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { UserFactory } from '#database/factories/user_factory'
import {
  addEntries,
  roomWith,
  privateRoomWith,
  apiSearch,
  foundTexts,
} from '#tests/helpers/search_fixtures'

test.group('Message search: matching', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('finds whole words, word beginnings and parts of words, ranked in that order', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    await roomWith(user, [
      'The redeployment finished at noon',
      'Deployment window opens Friday',
      'We deploy on Friday',
      'Nothing to see here',
      'Deployed deploy deploy: three times',
    ])
    const response = await apiSearch(client, user, { q: 'deploy' })
    response.assertStatus(200)
    assert.deepEqual(foundTexts(response.body()), [
      'Deployed deploy deploy: three times',
      'We deploy on Friday',
      'Deployment window opens Friday',
      'The redeployment finished at noon',
    ])
    assert.deepEqual(response.body().meta, { total: 4, perPage: 20, page: 1, lastPage: 1 })
  })

  test('finds parts of words: "{q}"')
    .with([
      { q: 'kube', found: ['kubernetes cluster upgraded'] },
      { q: 'ernet', found: ['kubernetes cluster upgraded'] },
      { q: 'ployment', found: ['the redeployment is done'] },
      { q: 'KUBE clust', found: ['kubernetes cluster upgraded'] },
      { q: 'kube deploy', found: [] },
    ])
    .run(async ({ client, assert }, { q, found }) => {
      const user = await UserFactory.create()
      await roomWith(user, ['kubernetes cluster upgraded', 'the redeployment is done', 'lunch?'])
      const response = await apiSearch(client, user, { q })
      assert.deepEqual(foundTexts(response.body()), found)
    })

  test('ignores accents and case: "{q}"')
    .with([
      { q: 'phong hop', found: ['Phòng họp tầng 3'] },
      { q: 'PHÒNG', found: ['Phòng họp tầng 3', 'phong van xin viec'] },
      { q: 'Đà Lạt', found: ['Chuyến đi Đà Lạt'] },
      { q: 'da lat', found: ['Chuyến đi Đà Lạt'] },
      { q: 'cafe', found: ['Un café crème'] },
      { q: 'CRÈME', found: ['Un café crème'] },
    ])
    .run(async ({ client, assert }, { q, found }) => {
      const user = await UserFactory.create()
      await roomWith(user, [
        'Phòng họp tầng 3',
        'Chuyến đi Đà Lạt',
        'phong van xin viec',
        'Un café crème',
      ])
      const response = await apiSearch(client, user, { q })
      assert.sameMembers(foundTexts(response.body()), found)
    })

  test('words shorter than three characters match whole words only', async ({ client, assert }) => {
    const user = await UserFactory.create()
    await roomWith(user, ['go to the deploy', 'going to deploy', 'ago we deployed'])
    const response = await apiSearch(client, user, { q: 'go deploy' })
    assert.deepEqual(foundTexts(response.body()), ['go to the deploy'])
  })

  test('never finds deleted messages nor edit and delete log entries', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await roomWith(user, [
      'banana bread recipe',
      { body: 'banana split, deleted', deleted: true },
      'plain message',
    ])
    await addEntries(
      room,
      [
        { body: 'banana smoothie (an edit)', kind: 'edit', targetSeq: 3 },
        { body: 'banana', kind: 'delete', targetSeq: 2 },
      ],
      user
    )
    const response = await apiSearch(client, user, { q: 'banana' })
    assert.deepEqual(foundTexts(response.body()), ['banana bread recipe'])
    assert.deepEqual(
      response.body().data.map((hit: { seq: number }) => hit.seq),
      [1]
    )
  })

  test('a query of punctuation only finds nothing', async ({ client, assert }) => {
    const user = await UserFactory.create()
    await roomWith(user, ['?!? what', 'ok'])
    const response = await apiSearch(client, user, { q: '?!?' })
    response.assertStatus(200)
    assert.deepEqual(response.body(), {
      data: [],
      meta: { total: 0, perPage: 20, page: 1, lastPage: 1 },
    })
  })
})

test.group('Message search: results', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('API results name the room, seq, author, time and link to the message', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.merge({ username: 'ada' }).create()
    const room = await roomWith(user, ['hello', 'the quarterly report is ready'], 'Finance')
    const response = await apiSearch(client, user, { q: 'report' })
    response.assertStatus(200)
    assert.deepEqual(response.body().data, [
      {
        room: { id: room.id, name: 'Finance' },
        seq: 2,
        author: { id: user.id, username: 'ada' },
        createdAt: '2030-01-01T00:02:00.000+00:00',
        editedAt: null,
        snippet: 'the quarterly <mark>report</mark> is ready',
        url: `/rooms/${room.id}/messages/2#message-2`,
      },
    ])
  })

  test('snippets escape HTML and mark matches in the original accented text', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    await roomWith(user, [
      '<script>alert("x")</script> Phòng <img src=x onerror=alert(1)> & "quotes"',
    ])
    const api = await apiSearch(client, user, { q: 'phong script' })
    assert.equal(
      api.body().data[0].snippet,
      '&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; <mark>Phòng</mark> &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;'
    )

    const page = await client.get('/search').qs({ q: 'phong script' }).loginAs(user)
    page.assertStatus(200)
    assert.notInclude(page.text(), '<script>alert')
    assert.notInclude(page.text(), '<img src=x')
    assert.include(page.text(), '&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)')
  })

  test('a long message is cut around the first match', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const filler = 'lorem ipsum dolor sit amet '
    await roomWith(user, [`${filler.repeat(20)}the needle is here ${filler.repeat(20)}`])
    const response = await apiSearch(client, user, { q: 'needle' })
    const [hit] = response.body().data
    assert.match(hit.snippet, /^…[^ ].*the <mark>needle<\/mark> is here .*[^ ]…$/s)
    const text = foundTexts({ data: [hit] })[0]
    assert.isAtMost(Array.from(text).length, 180 + 4)
    assert.isAtLeast(text.indexOf('needle'), 30)
  })

  test('pages through results with total and last page', async ({ client, assert }) => {
    const user = await UserFactory.create()
    await roomWith(
      user,
      Array.from({ length: 25 }, (_, index) => `standup note ${index + 1}`)
    )
    const seqsOf = (response: { body(): { data: Array<{ seq: number }> } }) =>
      response.body().data.map((hit) => hit.seq)

    const first = await apiSearch(client, user, { q: 'standup', perPage: 10 })
    assert.deepEqual(seqsOf(first), [25, 24, 23, 22, 21, 20, 19, 18, 17, 16])
    assert.deepEqual(first.body().meta, { total: 25, perPage: 10, page: 1, lastPage: 3 })

    const last = await apiSearch(client, user, { q: 'standup', perPage: 10, page: 3 })
    assert.deepEqual(seqsOf(last), [5, 4, 3, 2, 1])
    assert.deepEqual(last.body().meta, { total: 25, perPage: 10, page: 3, lastPage: 3 })

    const past = await apiSearch(client, user, { q: 'standup', perPage: 10, page: 4 })
    assert.deepEqual(past.body(), {
      data: [],
      meta: { total: 25, perPage: 10, page: 4, lastPage: 3 },
    })

    const page = await client.get('/search').qs({ q: 'standup', page: 2 }).loginAs(user)
    page.assertStatus(200)
    page.assertTextIncludes('25 messages match “standup”.')
    page.assertTextIncludes('Page 2 of 2')
    page.assertTextIncludes('<ol class="result-list" start="21">')
    page.assertTextIncludes('href="/search?q=standup&amp;page=1" rel="prev"')
    assert.notInclude(page.text(), 'rel="next"')
  })

  test('the room filter keeps results to one room', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const ops = await roomWith(user, ['ops: disk alert on db1'], 'Ops')
    await roomWith(user, ['dev: alert library upgrade'], 'Dev')

    const all = await apiSearch(client, user, { q: 'alert' })
    assert.sameMembers(
      all.body().data.map((hit: { room: { name: string } }) => hit.room.name),
      ['Ops', 'Dev']
    )

    const inOps = await apiSearch(client, user, { q: 'alert', room: ops.id })
    assert.deepEqual(foundTexts(inOps.body()), ['ops: disk alert on db1'])

    const page = await client.get('/search').qs({ q: 'alert', room: ops.id }).loginAs(user)
    page.assertStatus(200)
    page.assertTextIncludes('Search messages in Ops')
    page.assertTextIncludes(`<input type="hidden" name="room" value="${ops.id}" />`)
    page.assertTextIncludes('1 message matches “alert”.')
    assert.notInclude(page.text(), 'library upgrade')
  })

  test('the room filter 404s a room that does not exist', async ({ client }) => {
    const user = await UserFactory.create()
    const api = await apiSearch(client, user, { q: 'alert', room: 999999 })
    api.assertStatus(404)
    const page = await client.get('/search').qs({ q: 'alert', room: 999999 }).loginAs(user)
    page.assertStatus(404)
  })

  test('the page shows an empty state and the form before a query', async ({ client, assert }) => {
    const user = await UserFactory.create()
    await roomWith(user, ['something else'])
    const none = await client.get('/search').qs({ q: 'zebra' }).loginAs(user)
    none.assertStatus(200)
    none.assertTextIncludes('No message matches “zebra”.')
    assert.notInclude(none.text(), 'class="result-list"')

    const blank = await client.get('/search').loginAs(user)
    blank.assertStatus(200)
    blank.assertTextIncludes('<form class="search" role="search"')
    blank.assertTextIncludes('<label for="search-q">Words to find</label>')
    assert.notInclude(blank.text(), 'role="alert"')
    assert.notInclude(blank.text(), 'No message matches')
  })

  test('the page is translated', async ({ client }) => {
    const user = await UserFactory.create()
    await roomWith(user, ['Phòng họp lúc 9 giờ'])
    const page = await client
      .get('/search')
      .qs({ q: 'phong' })
      .header('Accept-Language', 'vi')
      .loginAs(user)
    page.assertStatus(200)
    page.assertTextIncludes('1 tin nhắn khớp với “phong”.')
    page.assertTextIncludes('<mark>Phòng</mark> họp lúc 9 giờ')
  })

  test('the header links to search and the room menu to a search of the room', async ({
    client,
  }) => {
    const user = await UserFactory.create()
    const room = await roomWith(user, ['hi'])
    const rooms = await client.get('/rooms').loginAs(user)
    rooms.assertTextIncludes('<a href="/search">Search</a>')
    const show = await client.get(`/rooms/${room.id}`).loginAs(user)
    show.assertTextIncludes(
      `<a class="menu-item" href="/search?room=${room.id}">Search in this room</a>`
    )
    const scoped = await client.get('/search').qs({ room: room.id }).loginAs(user)
    scoped.assertTextIncludes(`<input type="hidden" name="room" value="${room.id}"`)
  })

  test('search needs a signed-in user', async ({ client, assert }) => {
    const page = await client.get('/search').qs({ q: 'anything' }).redirects(0)
    page.assertStatus(302)
    assert.match(page.header('location') ?? '', /^\/login(\?|$)/)
    const api = await client.get('/api/v1/search').qs({ q: 'anything' })
    api.assertStatus(401)
  })
})

test.group('Message search: private rooms', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('finds messages of private rooms for members only', async ({ client, assert }) => {
    const owner = await UserFactory.create()
    const member = await UserFactory.create()
    const outsider = await UserFactory.create()
    const secret = await privateRoomWith(owner, [member], ['secret launch plan'])
    await roomWith(owner, ['public launch party'], 'Lobby')

    for (const user of [owner, member]) {
      const response = await apiSearch(client, user, { q: 'launch' })
      assert.sameMembers(foundTexts(response.body()), ['secret launch plan', 'public launch party'])
    }
    const outside = await apiSearch(client, outsider, { q: 'launch' })
    assert.deepEqual(foundTexts(outside.body()), ['public launch party'])
    assert.equal(outside.body().meta.total, 1)

    const page = await client.get('/search').qs({ q: 'launch' }).loginAs(outsider)
    page.assertTextIncludes('1 message matches “launch”.')
    assert.notInclude(page.text(), 'secret')

    const filtered = await apiSearch(client, outsider, { q: 'launch', room: secret.id })
    filtered.assertStatus(404)
    const filteredPage = await client
      .get('/search')
      .qs({ q: 'launch', room: secret.id })
      .loginAs(outsider)
    filteredPage.assertStatus(404)
    const scopeOnly = await client.get('/search').qs({ room: secret.id }).loginAs(outsider)
    scopeOnly.assertStatus(404)
  })
})

test.group('Message search: validation', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the API refuses {field} {rule}')
    .with<Array<{ qs: Record<string, string | number>; field: string; rule: string }>>([
      { qs: {}, field: 'q', rule: 'required' },
      { qs: { q: 'ab' }, field: 'q', rule: 'minLength' },
      { qs: { q: '  ab  ' }, field: 'q', rule: 'minLength' },
      { qs: { q: 'x'.repeat(201) }, field: 'q', rule: 'maxLength' },
      { qs: { q: 'deploy', page: 0 }, field: 'page', rule: 'min' },
      { qs: { q: 'deploy', page: 'two' }, field: 'page', rule: 'number' },
      { qs: { q: 'deploy', perPage: 51 }, field: 'perPage', rule: 'max' },
      { qs: { q: 'deploy', room: 'abc' }, field: 'room', rule: 'number' },
    ])
    .run(async ({ client, assert }, { qs, field, rule }) => {
      const user = await UserFactory.create()
      const response = await apiSearch(client, user, qs)
      response.assertStatus(422)
      assert.lengthOf(response.body().errors, 1)
      assert.deepInclude(response.body().errors[0], { code: 'E_VALIDATION_ERROR', field, rule })
    })

  test('the page shows a too short query as an error next to the field', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await roomWith(user, ['abc'], 'Tiny')
    const response = await client.get('/search').qs({ q: 'ab', room: room.id }).loginAs(user)
    response.assertStatus(422)
    response.assertTextIncludes(
      '<p class="field-error" id="search-q-error">The search field must have at least 3 characters</p>'
    )
    response.assertTextIncludes('aria-describedby="search-q-error search-q-hint"')
    response.assertTextIncludes('aria-invalid="true"')
    response.assertTextIncludes('value="ab"')
    response.assertTextIncludes('Search messages in Tiny')
    response.assertTextIncludes('role="alert"')
    assert.notInclude(response.text(), 'class="result-list"')
  })

  test('the page escapes the query it shows back', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const q = '"><script>alert(1)</script>'
    const response = await client.get('/search').qs({ q }).loginAs(user)
    response.assertStatus(200)
    assert.notInclude(response.text(), '<script>alert(1)')
    response.assertTextIncludes('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"')
  })

  test('the page shows other invalid parameters in the alert', async ({ client }) => {
    const user = await UserFactory.create()
    const response = await client.get('/search').qs({ q: 'deploy', page: 0 }).loginAs(user)
    response.assertStatus(422)
    response.assertTextIncludes('<li>The page field must be at least 1</li>')
  })
})
