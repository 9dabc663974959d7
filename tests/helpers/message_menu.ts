import type { Locator, Page } from 'playwright'

/**
 * The actions menu button of a message row (resources/js/message_list/menu_button.js)
 */
export function messageMenuButton(row: Locator) {
  return row.locator('.menu-button[aria-haspopup=menu]')
}

/**
 * Opens the actions menu of a message row (hovering it first, as a mouse user would) and
 * chooses `name` in it
 */
export async function chooseFromMenu(row: Locator, name: string) {
  await row.hover()
  await messageMenuButton(row).click()
  await row.getByRole('menuitem', { name, exact: true }).click()
}

/**
 * Opens the room header's actions menu and chooses `name` in it: a menu item, or with
 * JavaScript off a link of the disclosure
 */
export async function chooseFromRoomMenu(
  page: Page,
  name: string,
  role: 'menuitem' | 'link' = 'menuitem'
) {
  await page.locator('.room-menu > .menu-button').click()
  await page.locator('.room-menu').getByRole(role, { name, exact: true }).click()
}
