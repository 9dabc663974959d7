/*
|--------------------------------------------------------------------------
| JavaScript entrypoint for running ace commands
|--------------------------------------------------------------------------
|
| Registers the TypeScript loader, then imports "bin/console.ts". It is
| replaced by a plain JavaScript version in the production build.
|
*/
import '@poppinss/ts-exec'

await import('./bin/console.js')
