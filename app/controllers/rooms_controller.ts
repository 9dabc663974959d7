import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'
import ReadMarkerService, { firstUnreadSeq } from '#services/rooms/read_marker_service'
import LobbyDetailsService from '#services/lobby/lobby_details_service'
import RoomPolicy from '#policies/room_policy'
import { latestPageLimit } from '#services/chat/message_history_service'
import MessagePageCache from '#services/chat/message_page_cache'
import RoomRosterService from '#services/rooms/room_roster_service'
import RoomDirectory from '#services/rooms/room_directory'
import MessageRowCache from '#services/chat/message_row_cache'
import MemberListCache from '#services/rooms/member_list_cache'
import { directTitle } from '#services/people/direct_message_service'
import { clientTextsJson } from '#helpers/client_texts'
import { roomEntrySentence } from '#services/room_settings/room_entry_sentence'
import { readerTimeZone } from '#helpers/reader_time_zone'
import { createClock, timeline } from '#client/message_list/timeline'
import { browseRoomsValidator, createRoomValidator, showRoomValidator } from '#validators/room'
import type { HttpContext } from '@adonisjs/core/http'
import type Room from '#models/room'

/**
 * The request header by which a script asks for one region of a page
 */
const PAGE_REGION_HEADER = 'X-Page-Region'

/**
 * Room pages for browsers
 */
@inject()
export default class RoomsController {
  constructor(
    protected rooms: RoomService,
    protected markers: ReadMarkerService,
    protected lobby: LobbyDetailsService,
    protected pages: MessagePageCache,
    protected roster: RoomRosterService,
    protected directory: RoomDirectory,
    protected messageRows: MessageRowCache,
    protected memberLists: MemberListCache
  ) {}

  /**
   * The browse-rooms page: search, order by activity or name, join; and the create form
   */
  async index({ request, view, i18n, auth }: HttpContext) {
    const { q, sort = 'activity', page } = await browseRoomsValidator.validate(request.qs())
    const rooms = await this.directory.browse(auth.getUserOrFail(), { term: q, order: sort, page })
    rooms.baseUrl(request.url())
    rooms.queryString({ ...(q ? { q } : {}), ...(sort === 'name' ? { sort } : {}) })
    const lobbyTexts = clientTextsJson(i18n, 'rooms.lobby')
    const details = await this.lobby.forRooms(
      auth.getUserOrFail().id,
      rooms.all().map((room) => room.id)
    )
    return view.render('pages/rooms/index', { rooms, q: q ?? '', sort, lobbyTexts, details })
  }

  /**
   * Creates a room and opens it
   */
  async store({ request, response, auth, session, i18n }: HttpContext) {
    const owner = auth.getUserOrFail()
    const payload = await request.validateUsing(createRoomValidator, {
      meta: { ownerId: owner.id },
    })
    const room = await this.rooms.create(owner, payload)
    session.flash('success', i18n.t('flash.room_created', { name: room.name }))
    return response.redirect().toRoute('rooms.show', { id: room.id })
  }

  /**
   * The room page; only its room (`#chat`, with the title) when a room switch
   * asks for that region (`X-Page-Region: chat`, resources/js/chat/room_switcher.js)
   */
  async show({ params, request, response, view, i18n, auth, bouncer }: HttpContext) {
    response.append('Vary', PAGE_REGION_HEADER)
    const reader = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, reader)
    if (room.isDirect) {
      await room.load('members')
    }
    const { before } = await showRoomValidator.validate(request.qs())
    const region = request.header(PAGE_REGION_HEADER) === 'chat' ? 'chat' : undefined
    // The whole page's sidebar reads every joined room's counts anyway; the region asks for one
    const { membership, lastReadSeq } = region
      ? await this.markers.readerIn(reader.id, room.id)
      : await this.markers.readerOf(reader.id, room.id)
    // The latest page of a joined room reaches back to its first unread, to open there
    const limit = membership && !before ? latestPageLimit(room.lastSeq, lastReadSeq) : undefined
    const page = await this.pages.page(room, before, limit)
    // Unread is kept for joined rooms only: a room someone merely looks into has no divider
    const unreadSeq = membership ? firstUnreadSeq(page.messages, lastReadSeq, reader.id) : null
    const timeZone = readerTimeZone(request)
    const entries = page.entries.map((entry) => ({
      model: entry,
      seq: entry.seq,
      userId: entry.userId,
      sentAt: entry.createdAt.toMillis(),
      ...(entry.kind !== 'message' && { system: true, sentence: roomEntrySentence(i18n, entry) }),
    }))
    const rowsState = {
      room,
      clock: createClock(
        i18n.locale,
        timeZone,
        {
          today: i18n.t('room_view.client.today'),
          yesterday: i18n.t('room_view.client.yesterday'),
        },
        Date.now()
      ),
      threads: page.threads,
      reactionsByMessage: page.reactionsByMessage,
      rowDigests: page.rowDigests,
      ...this.#reactionTexts(i18n),
      moderates: await bouncer.with(RoomPolicy).allows('moderate', room),
    }
    return view.render('pages/rooms/show', {
      region,
      ...rowsState,
      membership,
      title: room.isDirect ? directTitle(room.members, reader.id) : room.name,
      olderBefore: page.olderBefore,
      rows: timeline(entries, timeZone, (entry) => entry.seq === unreadSeq),
      ...(await this.#roster(room, view, i18n.locale)),
      lastReadSeq,
      firstUnreadSeq: unreadSeq,
      isLatestPage: !before,
      clientTexts: clientTextsJson(i18n, 'chat.client'),
      messageListTexts: clientTextsJson(i18n, 'room_view.client'),
      roomEntryTexts: clientTextsJson(i18n, 'room_settings.entries'),
      messageRow: this.messageRows.renderer(
        view,
        { ...rowsState, roomId: room.id, readerId: reader.id, locale: i18n.locale, timeZone },
        request.csrfToken
      ),
    })
  }

  /**
   * How many members the room has, and its members pane's list as markup (MemberListCache)
   */
  async #roster(room: Room, view: HttpContext['view'], locale: string) {
    const { memberCount, members } = await this.roster.roster(room)
    return { memberCount, memberNames: this.memberLists.render(view, { members, room, locale }) }
  }

  /**
   * The texts of the page's reactions (partials/reactions.edge)
   */
  #reactionTexts(i18n: HttpContext['i18n']) {
    const reactionTextsJson = clientTextsJson(i18n, 'reactions.client')
    return { reactionTexts: JSON.parse(reactionTextsJson), reactionTextsJson }
  }

  /**
   * Asks the owner to confirm deleting the room (the page behind the delete
   * link; with JavaScript the room page asks in a dialog instead)
   */
  async confirmDestroy({ params, view, bouncer, auth }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('delete', room)
    return view.render('pages/rooms/confirm_delete', { room })
  }

  /**
   * Deletes a room; only its owner may
   */
  async destroy({ params, response, bouncer, session, i18n, auth }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('delete', room)
    await this.rooms.delete(room)
    session.flash('success', i18n.t('flash.room_deleted', { name: room.name }))
    return response.redirect().toRoute('rooms.index')
  }
}
