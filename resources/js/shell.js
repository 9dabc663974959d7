/**
 * The shell of signed-in pages: the sidebar of the user's rooms, live, and its drawer on phones
 */
import { markCurrent, startSidebarLive } from './sidebar_live.js'
import { startDrawer } from './drawer.js'

const nav = document.querySelector('[data-sidebar]')

if (nav) {
  startDrawer(nav)
  markCurrent(nav)
  startSidebarLive(nav)
}
