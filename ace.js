/*
|--------------------------------------------------------------------------
| JavaScript entrypoint for running ace commands
|--------------------------------------------------------------------------
|
| Started by a node older than 24 (a machine's global node), it first runs
| itself again on the project's Node 24 (bin/project_node.js). Then it
| registers the TypeScript loader and imports "bin/console.ts". It is
| replaced by a plain JavaScript version in the production build.
|
*/
import { rerunOnProjectNodeWhenOlder } from './bin/project_node.js'

await rerunOnProjectNodeWhenOlder(import.meta.url)
await import('@poppinss/ts-exec')
await import('./bin/console.js')
