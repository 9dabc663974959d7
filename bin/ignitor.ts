/*
|--------------------------------------------------------------------------
| The boot sequence every entry point shares
|--------------------------------------------------------------------------
|
| bin/console.ts, bin/server.ts, bin/test.ts and chat-service/bin/server.ts
| create the application through this Ignitor. With no database configured,
| its booting hook starts (or reuses) the embedded PostgreSQL first.
|
*/

import 'reflect-metadata'
import { Ignitor } from '@adonisjs/core'

/**
 * URL to the application root
 */
export const APP_ROOT = new URL('../', import.meta.url)

/**
 * Imports files in the context of the application
 */
const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

/**
 * The application's Ignitor; `migrate` applies pending migrations to the
 * embedded PostgreSQL once booted (the web server does, so `npm run dev`
 * needs no setup)
 */
export function createIgnitor(options: { migrate: boolean }) {
  return new Ignitor(APP_ROOT, { importer: IMPORTER }).tap((app) => {
    app.booting(async () => {
      await import('#start/env')
      const { useEmbeddedPostgresWhenUnconfigured } = await import('#database/embedded_postgres')
      await useEmbeddedPostgresWhenUnconfigured(app, options)
    })
  })
}
