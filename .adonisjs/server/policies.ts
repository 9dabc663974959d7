export const policies = {
  RoomPolicy: () => import('#policies/room_policy'),
  RoomSettingsPolicy: () => import('#policies/room_settings_policy'),
}

