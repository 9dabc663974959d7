import { execFile } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { promisify } from 'node:util'
import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { startAppProcess } from '#tests/helpers/app_process'
import { startChatProcess } from '#tests/helpers/chat_process'
import { waitUntil } from '#tests/helpers/chat_load'
import { ChatTestClient, UpgradeRefused, closeAllClients } from '#tests/helpers/ws_client'
import { createUser, ticketFor } from '#tests/helpers/chat_fixtures'
import { FD_LOW_WATER } from '#chat/src/socket_capacity'
import type User from '#models/user'

/** Small caps, as an operator would set them */
const CAPS = { CHAT_MAX_SOCKETS: '3', CHAT_MAX_SOCKETS_PER_USER: '2' }

/**
 * A process serving the chat with CAPS: its socket URL, its readiness URL
 */
type CappedChat = { wsUrl: string; readyUrl: string; pid?: number; stop(): Promise<unknown> }

const targets: Array<{ name: string; start(): Promise<CappedChat> }> = [
  {
    name: 'in-process (web app)',
    start: async () => {
      const web = await startAppProcess(CAPS)
      return {
        wsUrl: `${web.url.replace('http://', 'ws://')}/ws`,
        readyUrl: `${web.url}/health/ready`,
        stop: () => web.stop(),
      }
    },
  },
  {
    name: 'standalone',
    start: async () => {
      const chat = await startChatProcess(CAPS)
      return {
        wsUrl: chat.url,
        readyUrl: `http://127.0.0.1:${chat.port}/health/ready`,
        pid: chat.pid,
        stop: () => chat.stop(),
      }
    },
  },
]

/**
 * Status and body of the readiness probe
 */
async function readiness(chat: CappedChat) {
  const response = await fetch(chat.readyUrl)
  return { status: response.status, body: await response.json() }
}

const ready = { status: 200, body: { status: 'ok', checks: { database: 'ok', chat: 'ok' } } }
const full = { status: 503, body: { status: 'error', checks: { database: 'ok', chat: 'full' } } }

for (const target of targets) {
  test.group(`Chat socket caps (${target.name})`, (group) => {
    let chat: CappedChat
    const sockets: ChatTestClient[] = []

    group.setup(async () => {
      chat = await target.start()
      return async () => {
        await chat.stop()
      }
    })
    group.each.setup(() => truncateTables())
    group.each.teardown(async () => {
      sockets.length = 0
      await closeAllClients()
    })

    /**
     * Opens a socket as `user`: 'open', or the HTTP status of the refusal
     */
    async function connect(user: User) {
      try {
        sockets.push(await ChatTestClient.open(chat.wsUrl, ticketFor(user)))
        return 'open'
      } catch (error) {
        if (error instanceof UpgradeRefused) return error.status
        throw error
      }
    }

    test('429 past the per-user cap, 503 past the process cap; readiness says full meanwhile', async ({
      assert,
    }) => {
      const [ana, bob, carol] = [await createUser(), await createUser(), await createUser()]
      assert.deepEqual(
        [await connect(ana), await connect(ana), await connect(ana)],
        ['open', 'open', 429]
      )
      assert.deepEqual(await readiness(chat), ready)
      assert.deepEqual(
        [await connect(bob), await connect(bob), await connect(carol)],
        ['open', 503, 503]
      )
      assert.deepEqual(await readiness(chat), full)

      await sockets[0].close()
      await waitUntil(async () => {
        const probe = await readiness(chat)
        return probe.status === 200
      }, 'readiness 200 again')
      assert.deepEqual(await readiness(chat), ready)
      assert.equal(await connect(carol), 'open')
    }).timeout(60_000)

    if (target.name === 'standalone') {
      test('readiness says full when few file descriptors are left under the limit', async ({
        assert,
      }) => {
        const pid = chat.pid!
        const limits = await promisify(execFile)('prlimit', [
          '--pid',
          String(pid),
          '--nofile',
          '-o',
          'SOFT,HARD',
          '--noheadings',
        ])
        const [soft, hard] = limits.stdout.trim().split(/\s+/)
        const openFds = readdirSync(`/proc/${pid}/fd`).length
        await promisify(execFile)('prlimit', [
          '--pid',
          String(pid),
          `--nofile=${openFds + FD_LOW_WATER / 2}:${hard}`,
        ])
        try {
          assert.deepEqual(await readiness(chat), full)
        } finally {
          await promisify(execFile)('prlimit', ['--pid', String(pid), `--nofile=${soft}:${hard}`])
        }
        assert.deepEqual(await readiness(chat), ready)
      }).timeout(60_000)
    }
  })
}
