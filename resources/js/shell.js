/**
 * The shell of signed-in pages: the sidebar of the user's rooms, live, and its drawer on phones;
 * signing out forgets the tab's message drafts
 */
import { markCurrent, startSidebarLive } from './sidebar_live.js'
import { startDrawer } from './drawer.js'
import { forgetDrafts } from './chat/drafts.ts'

const nav = document.querySelector('[data-sidebar]')

if (nav) {
  startDrawer(nav)
  markCurrent(nav)
  startSidebarLive(nav)
}

document
  .querySelector('form[action="/logout"]')
  ?.addEventListener('submit', () => forgetDrafts(window.sessionStorage))
