import env from '#start/env'
import { servedOverHttps } from '#config/app'
import { defineConfig, stores } from '@adonisjs/session'
import { lazilyTouchedDatabaseStore } from '#services/account/lazily_touched_session_store'
import { IsolatedMemorySessionStore } from '#services/account/isolated_memory_session_store'

/**
 * Browser sessions: an HttpOnly, SameSite=Lax cookie holding the session id;
 * the data lives in the `sessions` table (database), so logging out revokes
 * the cookie. `cookie` keeps the data in an encrypted cookie instead, which
 * stays valid for its age even after logout. A request that changes nothing
 * writes nothing: the expiry moves at most once a minute
 * (lazily_touched_session_store.ts). `memory` (tests) keeps the data in the
 * process (isolated_memory_session_store.ts).
 */
const sessionConfig = defineConfig({
  enabled: true,
  cookieName: 'roomchat-session',
  clearWithBrowser: false,
  age: '7d',
  cookie: {
    path: '/',
    httpOnly: true,
    secure: servedOverHttps,
    sameSite: 'lax',
  },
  store: env.get('SESSION_DRIVER'),
  stores: {
    database: lazilyTouchedDatabaseStore(),
    cookie: stores.cookie(),
    memory: () => new IsolatedMemorySessionStore(),
  },
})

export default sessionConfig
