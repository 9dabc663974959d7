/**
 * Live lobby: the rooms list follows the server-sent "lobby" channel, so rooms
 * created or deleted by others appear and disappear without a reload, and the
 * user's own "users/<id>" channel for private rooms they gain or lose (with a
 * Join form, as the page draws it); each room's activity, online count and
 * unread badges follow too (lobby_live.js), from the activity channels only
 * this page follows ("lobby/activity", "users/<id>/activity").
 * Text is inserted with textContent only.
 */
import { liveEvents } from './live_events.js'
import { createLobbyLive } from './lobby_live.js'

const list = document.querySelector('[data-lobby]')

if (list) {
  const texts = JSON.parse(document.getElementById('lobby-texts').textContent)
  const status = document.getElementById('lobby-status')
  const transmit = liveEvents()
  const userId = list.dataset.userId
  const channels = ['lobby', `users/${userId}`, 'lobby/activity', `users/${userId}/activity`].map(
    (name) => transmit.subscription(name)
  )
  const live = createLobbyLive(list, texts)

  for (const channel of channels) {
    channel.onMessage((event) => {
      if (event.type === 'room_created') addRoom(event.room)
      if (event.type === 'room_deleted') removeRoom(event.room.id)
      live.handle(event)
    })
  }
  Promise.all(channels.map((channel) => channel.create()))
    .then(() => (list.dataset.lobbyReady = 'true'))
    .catch(() => {})

  function addRoom(room) {
    if (list.querySelector(`[data-room-id="${room.id}"]`)) return
    const item = document.createElement('li')
    item.dataset.roomId = String(room.id)
    const link = document.createElement('a')
    link.href = `/rooms/${room.id}`
    link.textContent = room.name
    item.append(link)
    if (room.private) {
      item.append(' ', document.getElementById('private-badge').content.cloneNode(true))
    }
    item.append(' ', membership(room))
    live.decorate(item, room.private ? null : texts.one_member)
    if (room.description) {
      const description = document.createElement('p')
      description.className = 'room-description'
      description.textContent = room.description
      item.append(description)
    }
    const owner = document.createElement('small')
    owner.textContent = texts.by.replace('{owner}', room.owner)
    item.append(owner)
    list.prepend(item)
    list.hidden = false
    document.querySelector('[data-lobby-empty]')?.remove()
    if (status) status.textContent = texts.created.replace('{name}', room.name)
  }

  /**
   * "Joined" for a room of the user's (a private room they hear of, or one they created),
   * else the Join form
   */
  function membership(room) {
    if (room.private || room.owner === list.dataset.username) {
      const joined = document.createElement('span')
      joined.className = 'room-joined'
      joined.textContent = texts.joined
      return joined
    }
    const form = document.getElementById('join-room').content.firstElementChild.cloneNode(true)
    form.action = `/rooms/${room.id}/membership`
    form
      .querySelector('button')
      .setAttribute('aria-label', texts.join_room.replace('{name}', room.name))
    return form
  }

  function removeRoom(id) {
    const item = list.querySelector(`[data-room-id="${id}"]`)
    if (!item) return
    const name = item.querySelector('a')?.textContent ?? ''
    item.remove()
    if (status) status.textContent = texts.deleted.replace('{name}', name)
  }
}
