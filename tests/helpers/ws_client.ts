import { ChatClient } from '#chat/client/chat_client'

export { UpgradeRefused, type Frame, type FrameMatcher } from '#chat/client/chat_client'

const openClients = new Set<ChatClient>()

/**
 * The protocol client the specs use: the shared ChatClient, remembered
 * until it closes so a group teardown can close whatever a test left open
 */
export type ChatTestClient = ChatClient

/**
 * Opens chat sockets for specs (see ChatClient)
 */
export const ChatTestClient = {
  /**
   * Opens `url?ticket=…` with `headers`; rejects with UpgradeRefused when
   * the upgrade is refused
   */
  async open(url: string, ticket: string | null, headers: Record<string, string> = {}) {
    const client = await ChatClient.open(url, ticket, { headers })
    openClients.add(client)
    client.closed.then(() => openClients.delete(client))
    return client
  },
}

/**
 * Closes every client still open (group teardown)
 */
export async function closeAllClients() {
  await Promise.all([...openClients].map((client) => client.close()))
}
