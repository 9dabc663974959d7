/**
 * The name shown for a person of a chat frame: their display name, else
 * their username
 */
export function personName(user) {
  return user.display_name || user.username
}

/**
 * A link to a person's profile (the profile card opens on click), showing
 * their name; `className` for the element's class
 */
export function personLink(user, className) {
  const link = document.createElement('a')
  link.className = className
  link.href = `/people/${encodeURIComponent(user.username)}`
  link.dataset.username = user.username
  link.textContent = personName(user)
  return link
}
