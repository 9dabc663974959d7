import { defineConfig } from 'vite'
import adonisjs from '@adonisjs/vite/client'

/**
 * The browser code: one entry point per page (plus the site-wide CSS and
 * script), each a fingerprinted bundle whose shared modules Vite splits into
 * common chunks. CSS stays its own entry point, never imported from
 * JavaScript: Vite would inject such CSS in <style> elements, which the CSP
 * (style-src 'self') refuses.
 */
export default defineConfig({
  plugins: [
    adonisjs({
      entryPoints: [
        'resources/css/app.css',
        'resources/css/room.css',
        'resources/js/app.js',
        'resources/js/room.js',
        'resources/js/lobby.js',
        'resources/js/confirm_dialog.js',
        'resources/js/shell.js',
        'resources/js/notifications.js',
        'resources/js/notification_settings.js',
      ],
      reload: ['resources/views/**/*.edge'],
    }),
  ],
  build: {
    // Every browser the app supports has <link rel="modulepreload">
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // npm packages (the Transmit client) in one chunk named for what it is
      output: { manualChunks: (id) => (id.includes('/node_modules/') ? 'vendor' : undefined) },
    },
  },
  server: {
    watch: {
      ignored: ['**/tmp/**', '**/build/**', '**/public/assets/**'],
    },
  },
})
