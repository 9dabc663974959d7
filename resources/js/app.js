import './people/people.js'

/**
 * Site-wide keyboard support: Escape closes an open disclosure (<details>),
 * and focus goes back to its summary when it was inside.
 */
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return
  for (const details of document.querySelectorAll('details[open]')) {
    const hadFocus = details.contains(document.activeElement)
    details.open = false
    if (hadFocus) details.querySelector('summary').focus()
  }
})

import './service_worker.js'
