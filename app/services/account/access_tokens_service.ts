import { inject } from '@adonisjs/core'
import User from '#models/user'
import { isRowId } from '#helpers/row_id'
import type { AccessToken } from '@adonisjs/auth/access_tokens'
import ChatSignOutService from '#services/chat/chat_sign_out_service'
import { tokenCredential } from '#services/chat/chat_credentials'

/**
 * An API access token as the account page lists it (never its secret)
 */
export type TokenSummary = {
  id: number
  name: string
  createdAt: string
  lastUsedAt: string | null
  expiresAt: string | null
  current: boolean
}

/**
 * A user's API access tokens: listing and revoking (with their chat sockets)
 */
@inject()
export default class AccessTokensService {
  constructor(protected chat: ChatSignOutService) {}

  /**
   * The user's tokens, newest first; `currentId` is the token of this request
   */
  async list(user: User, currentId?: AccessToken['identifier']): Promise<TokenSummary[]> {
    const tokens = await User.accessTokens.all(user)
    return tokens.map((token) => ({
      id: Number(token.identifier),
      name: token.name ?? '',
      createdAt: token.createdAt.toISOString(),
      lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
      expiresAt: token.expiresAt?.toISOString() ?? null,
      current: currentId !== undefined && String(token.identifier) === String(currentId),
    }))
  }

  /**
   * Revokes the user's token `id` and closes the sockets opened with it;
   * false when the user has no such token
   */
  async revoke(user: User, id: number) {
    if (!isRowId(id)) return false
    const token = await User.accessTokens.find(user, id)
    if (!token) return false
    await User.accessTokens.delete(user, id)
    await this.chat.signOut(user.id, tokenCredential(token))
    return true
  }
}
