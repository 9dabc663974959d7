import User from '#models/user'
import { appOrigin } from '#tests/helpers/chat_fixtures'

/**
 * Posts `text` in room `roomId` as `author` through the JSON API (a fresh access token), as
 * someone in another browser or a bot would; throws unless the message was stored
 */
export async function postThroughApi(author: User, roomId: number, text: string) {
  const token = await User.accessTokens.create(author)
  const response = await fetch(`${appOrigin}/api/v1/rooms/${roomId}/messages`, {
    method: 'POST',
    headers: {
      'authorization': `Bearer ${token.value!.release()}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ text }),
  })
  if (response.status !== 201) throw new Error(`post refused: ${response.status}`)
}
