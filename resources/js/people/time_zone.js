/**
 * Records the browser's time zone on the account (shown to others as the
 * person's local time) when it differs from the one stored
 */
export function reportTimeZone(stored) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  if (!zone || zone === stored) return
  fetch('/account/time-zone', {
    method: 'PUT',
    headers: {
      'accept': 'application/json',
      'content-type': 'application/json',
      'x-csrf-token': document.querySelector('meta[name="csrf-token"]')?.content ?? '',
    },
    body: JSON.stringify({ timeZone: zone }),
  }).catch(() => {})
}
