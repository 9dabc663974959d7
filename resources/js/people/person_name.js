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

/**
 * A person's avatar, decorative (their name is beside it): their picture
 * (`avatar` key of a chat frame's user, `avatarKey` of a profile) in twice
 * `size` for sharp screens, else their initials
 */
export function avatarElement(user, size = 32) {
  const key = user.avatar ?? user.avatarKey
  if (key) {
    const image = document.createElement('img')
    image.className = 'avatar'
    image.src = `/avatars/${Number(user.id)}/${encodeURIComponent(key)}/${size > 32 ? 128 : 64}`
    image.width = size
    image.height = size
    image.alt = ''
    return image
  }
  const initials = document.createElement('span')
  initials.className = `avatar avatar-initials avatar-${size}`
  initials.setAttribute('aria-hidden', 'true')
  const name = user.display_name || user.displayName || user.username
  initials.textContent = name
    .split(/[\s_-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => [...word][0].toLocaleUpperCase())
    .join('')
  return initials
}
