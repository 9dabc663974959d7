import type Room from '#models/room'
import type { RoomVisibility } from '#models/room'
import type { RoomSetting } from '#policies/room_settings_policy'
import type { RoomSettingKind } from '#chat/index'

/**
 * New settings asked for; what is left out stays
 */
export type RoomSettingsInput = {
  name?: string
  description?: string | null
  visibility?: RoomVisibility
  archived?: boolean
}

/**
 * One setting that changes: its column values and the log entry telling it
 */
export type SettingChange = {
  setting: RoomSetting
  kind: RoomSettingKind
  text: string
  columns: Record<string, unknown>
}

/**
 * The settings of `input` whose value differs from `room`'s, in the order
 * their entries are logged: name, topic, visibility, archive
 */
export function changesOf(room: Room, input: RoomSettingsInput): SettingChange[] {
  const changes: SettingChange[] = []
  if (input.name !== undefined && input.name !== room.name) {
    changes.push({
      setting: 'name',
      kind: 'rename',
      text: input.name,
      columns: { name: input.name },
    })
  }
  const description = input.description === undefined ? undefined : (input.description ?? '')
  if (description !== undefined && description !== (room.description ?? '')) {
    changes.push({
      setting: 'description',
      kind: 'topic',
      text: description,
      columns: { description: description === '' ? null : description },
    })
  }
  if (input.visibility !== undefined && input.visibility !== room.visibility) {
    changes.push({
      setting: 'visibility',
      kind: 'visibility',
      text: input.visibility,
      columns: { visibility: input.visibility },
    })
  }
  if (input.archived !== undefined && input.archived !== room.isArchived) {
    changes.push({
      setting: 'archived',
      kind: input.archived ? 'archive' : 'unarchive',
      text: '',
      columns: { archived_at: input.archived ? new Date() : null },
    })
  }
  return changes
}
