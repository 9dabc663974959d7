/**
 * Registers the service worker (public/sw.js: offline page, pushes) for the
 * whole site; its URL is stable and unhashed, outside Vite's bundles
 */
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {})
}
