import app from '@adonisjs/core/services/app'
import { defineConfig, drivers } from '@adonisjs/core/hash'

/**
 * Passwords are hashed with scrypt (memory-hard). Under test the work factor
 * is 16 times lower (as test suites lower bcrypt's rounds): hashing stays
 * real scrypt, and each of the suite's thousands of sign-ups and logins no
 * longer costs ~40 ms of CPU. A hash records its own parameters, so
 * verifying never depends on this setting.
 */
const hashConfig = defineConfig({
  default: 'scrypt',
  list: {
    scrypt: drivers.scrypt({
      cost: app.inTest ? 1024 : 16384,
      blockSize: 8,
      parallelization: 1,
      maxMemory: 33554432,
    }),
  },
})

export default hashConfig

declare module '@adonisjs/core/types' {
  export interface HashersList extends InferHashers<typeof hashConfig> {}
}
