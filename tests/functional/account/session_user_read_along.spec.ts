import { test } from '@japa/runner'
import { IncomingMessage } from 'node:http'
import { Socket } from 'node:net'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import { configProvider } from '@adonisjs/core'
import { CookieSerializer } from '@adonisjs/core/http'
import { sessionUserProvider } from '@adonisjs/auth/session'
import { Session } from '@adonisjs/session'
import type {
  ResolvedSessionConfig,
  SessionStoreFactory,
  SessionStoreWithTaggingContract,
} from '@adonisjs/session/types'
import sessionConfig from '#config/session'
import User from '#models/user'
import { lazilyTouchedDatabaseStore } from '#services/account/lazily_touched_session_store'
import { sessionGuardReadingUserAlong } from '#services/account/session_user_read_along'
import { truncateTables } from '#tests/helpers/database'
import { createUser } from '#tests/helpers/chat_fixtures'
import { statementsDuring } from '#tests/helpers/statements'

/**
 * The app's session config with the database store (the tests' own is `memory`)
 */
async function databaseSessions() {
  const resolved = (await configProvider.resolve(app, sessionConfig)) as ResolvedSessionConfig
  const store = (await configProvider.resolve<SessionStoreFactory>(
    app,
    lazilyTouchedDatabaseStore()
  ))!
  return { ...resolved, store: 'database', stores: { ...resolved.stores, database: store } }
}

/**
 * A stored session whose data signs in `signedIn`, tagged with `taggedWith`; returns its id
 */
async function storedSession(signedIn: User, taggedWith: User | null) {
  const config = await databaseSessions()
  const ctx = await testUtils.createHttpContext()
  const store = config.stores.database(ctx, config) as SessionStoreWithTaggingContract
  const id = randomUUID()
  await store.write(id, { auth_web: signedIn.id })
  if (taggedWith) await store.tag(id, String(taggedWith.id))
  return id
}

/**
 * A request carrying session `id`, through the session and the "web" guard as the
 * middleware run them: who it signs in, and the statements it sent
 */
async function authenticate(id: string) {
  const config = await databaseSessions()
  const encryption = await app.container.make('encryption')
  const req = new IncomingMessage(new Socket())
  req.headers.cookie = new CookieSerializer(encryption.use()).sign(config.cookieName, id)!
  const ctx = await testUtils.createHttpContext({ req })
  const emitter = await app.container.make('emitter')
  const guard = (
    await sessionGuardReadingUserAlong({
      useRememberMeTokens: false,
      provider: sessionUserProvider({ model: () => import('#models/user') }),
    }).resolver('web', app)
  )(ctx)
  let user: User | null = null
  const statements = await statementsDuring(async () => {
    ctx.session = new Session(config, config.stores.database, emitter, ctx)
    await ctx.session.initiate(false)
    user = (await guard.check()) ? guard.user! : null
  })
  return { user: user as User | null, statements }
}

test.group('Database sessions: the user read with the session', (group) => {
  group.each.setup(() => truncateTables())

  test('a tagged session signs its user in with one statement, the row as the query would read it', async ({
    assert,
  }) => {
    const ana = await createUser()
    const { user, statements } = await authenticate(await storedSession(ana, ana))
    assert.lengthOf(statements, 1)
    assert.match(statements[0], /left join users/i)
    const found = await User.findOrFail(ana.id)
    assert.deepEqual(user!.serialize(), found.serialize())
    assert.isTrue(user!.$isPersisted)
  })

  test('the user the session signs in is the one asked: another tag, no tag, or a deleted user fall back to the query', async ({
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()

    const otherTag = await authenticate(await storedSession(bob, ana))
    assert.equal(otherTag.user!.id, bob.id)
    assert.lengthOf(otherTag.statements, 2)

    const untagged = await authenticate(await storedSession(ana, null))
    assert.equal(untagged.user!.id, ana.id)
    assert.lengthOf(untagged.statements, 2)

    const gone = await storedSession(bob, bob)
    await bob.delete()
    const signedOut = await authenticate(gone)
    assert.isNull(signedOut.user)
  })
})
