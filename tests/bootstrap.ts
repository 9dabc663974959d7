import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { browserClient } from '@japa/browser-client'
import { chromium } from 'playwright'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { sessionBrowserClient } from '@adonisjs/session/plugins/browser_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { authBrowserClient } from '@adonisjs/auth/plugins/browser_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { spec } from '@japa/runner/reporters'
import { summaryReporter } from '#tests/summary_reporter'
import { PageJournal, journalNewContexts } from '#tests/helpers/page_journal'
import { awaitedLoginBrowserClient } from '#tests/helpers/awaited_login'
import type { Test } from '@japa/runner/core'

/**
 * Japa plugins
 */
export const plugins: Config['plugins'] = [
  assert(),
  pluginAdonisJS(app),
  apiClient(),
  sessionApiClient(app),
  authApiClient(app),
  shieldApiClient(),
  browserClient({
    runInSuites: ['browser'],
    launcher: async (options) =>
      journalNewContexts(
        await chromium.launch({
          ...options,
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-proxy-server',
          ],
        })
      ),
  }),
  sessionBrowserClient(app),
  authBrowserClient(app),
  awaitedLoginBrowserClient(app),
]

/**
 * Reporters: Japa's spec output plus the closing "N passed, N failed" line
 */
export const reporters: Config['reporters'] = {
  activated: ['spec', 'summary'],
  list: [spec(), summaryReporter()],
}

/**
 * Runs before and after the whole run: migrate the test database
 */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [() => testUtils.db().migrate()],
  teardown: [],
}

/**
 * Suites that talk HTTP get the real server
 */
export const configureSuite: Config['configureSuite'] = (suite) => {
  if (suite.name === 'browser') {
    suite.onGroup((group) => group.each.setup(journalPages))
    suite.onTest((test) => test.setup(journalPages))
  }
  if (['browser', 'functional'].includes(suite.name)) {
    suite.onGroup((group) => group.each.setup(() => clearRateLimits()))
    suite.onTest((test) => test.setup(() => clearRateLimits()))
    return suite.setup(async () => {
      const closeHttpServer = await testUtils.httpServer().start()
      const chat = await attachChatToTestServer()
      const lobby = await startLobbyActivity()
      const presence = await startPresenceDirectory()
      return async () => {
        await chat.close()
        await lobby.close()
        await presence.close()
        // Pages still open in Chromium keep their event streams: end them
        const closing = closeHttpServer()
        const server = await app.container.make('server')
        server.getNodeServer()?.closeAllConnections()
        await closing
      }
    })
  }
}

/**
 * Keeps what the test's pages saw and prints it when the test fails
 */
function journalPages(test: Test) {
  const journal = new PageJournal()
  journal.follow(test.context.browserContext)
  PageJournal.current = journal
  return async (hasError: boolean) => {
    PageJournal.current = null
    if (hasError) console.error(`What the pages of "${test.title}" saw:\n${await journal.report()}`)
  }
}

/**
 * Every test starts with fresh rate-limit counters (tests of a limit stay
 * within one test)
 */
async function clearRateLimits() {
  const { default: limiter } = await import('@adonisjs/limiter/services/main')
  await limiter.clear(['memory'])
}

/**
 * Attaches the in-process chat to the test HTTP server, as the chat
 * provider does in the web environment (under test, its `ready()` runs
 * before this server exists)
 */
async function attachChatToTestServer() {
  const { attachChat } = await import('#providers/chat_provider')
  const server = await app.container.make('server')
  return attachChat(app, server.getNodeServer()!)
}

/**
 * Follows the chat nodes' presence events, as the chat provider does in the
 * web environment
 */
async function startPresenceDirectory() {
  const { PresenceDirectory } = await import('#services/people/presence_directory')
  const presence = await app.container.make(PresenceDirectory)
  await presence.start()
  return presence
}

/**
 * Follows the chat's room activity for the lobby, as the chat provider does
 * in the web environment
 */
async function startLobbyActivity() {
  const { LobbyActivity } = await import('#services/lobby/lobby_activity')
  const lobby = await app.container.make(LobbyActivity)
  await lobby.start()
  return lobby
}
