import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * A person as a page read showed them: username and display name always, the avatar key
 * where the read had it (authors and quoted authors; reactors' chips show no avatar)
 */
export interface SeenPerson {
  id: number
  username: string
  displayName?: string | null
  avatarKey?: string | null
}

/**
 * The profile values (username, display name, avatar) of the people a held room page shows,
 * as its read found them; profile changes append nothing to a room's log, so a held page is
 * used only while these are still the users' values (MessagePageCache)
 */
export class PagePeople {
  #seen = new Map<
    number,
    { username: string; displayName: string | null; avatarKey?: string | null }
  >()
  #consistent = true

  constructor(protected client: Pick<QueryClientContract, 'from'>) {}

  /**
   * False when two of the page's statements read one person differently (a change between
   * them): such a page is not held
   */
  get consistent() {
    return this.#consistent
  }

  /**
   * Records `person` as the page shows them
   */
  saw(person: SeenPerson) {
    const values = { username: person.username, displayName: person.displayName || null }
    const earlier = this.#seen.get(person.id)
    if (!earlier) {
      this.#seen.set(person.id, {
        ...values,
        ...(person.avatarKey !== undefined && { avatarKey: person.avatarKey }),
      })
      return
    }
    if (earlier.username !== values.username || earlier.displayName !== values.displayName) {
      this.#consistent = false
    }
    if (person.avatarKey !== undefined) {
      if (earlier.avatarKey !== undefined && earlier.avatarKey !== person.avatarKey) {
        this.#consistent = false
      }
      earlier.avatarKey = person.avatarKey
    }
  }

  /**
   * Whether every person is still as seen (one query by primary key)
   */
  async areCurrent() {
    if (this.#seen.size === 0) return true
    const rows: Array<{
      id: number
      username: string
      display_name: string | null
      avatar_key: string | null
    }> = await this.client
      .from('users')
      .whereRaw('id = ANY(?::int[])', [[...this.#seen.keys()]])
      .select('id', 'username', 'display_name', 'avatar_key')
    return (
      rows.length === this.#seen.size &&
      rows.every((row) => {
        const seen = this.#seen.get(row.id)
        return (
          seen !== undefined &&
          seen.username === row.username &&
          seen.displayName === (row.display_name || null) &&
          (seen.avatarKey === undefined || seen.avatarKey === row.avatar_key)
        )
      })
    )
  }
}
