import { mapConcurrent } from '../lib/wait.js'
import { BENCH_PASSWORD, type BenchUser } from './bench_database.js'
import type { ApiClient } from './api_client.js'

/**
 * Bearer tokens of the bench users, created through `POST /api/v1/auth/tokens`;
 * mints a fresh WebSocket ticket per connection like a real client
 */
export class Tokens {
  private constructor(
    private readonly api: ApiClient,
    private readonly tokens: Map<number, string>
  ) {}

  /**
   * Logs every user in through the API (scrypt-bound: a few at a time)
   */
  static async create(api: ApiClient, users: BenchUser[]) {
    const tokens = await mapConcurrent(users, 4, (user) =>
      api.createToken(user.username, BENCH_PASSWORD)
    )
    return new Tokens(api, new Map(users.map((user, index) => [user.id, tokens[index]])))
  }

  /**
   * The API's base URL (where tickets are minted)
   */
  get apiBaseUrl() {
    return this.api.baseUrl
  }

  /**
   * The user's bearer token (a load generator process mints tickets with it)
   */
  tokenOf(user: BenchUser) {
    return this.tokens.get(user.id)!
  }

  /**
   * `POST /api/v1/chat/tickets` with the user's token
   */
  ticket(user: BenchUser) {
    return this.api.mintTicket(this.tokens.get(user.id)!)
  }
}
