import type { ApplicationService } from '@adonisjs/core/types'
import edge from 'edge.js'

type CompileFunction = (templatePath: string, localVariables?: string[]) => unknown

/**
 * Closes two gaps in edge.js 6's template cache when it is on (production):
 * `@include` compiles its partial on every render, because edge passes an
 * array of local variable names (even an empty one) and the compiler caches
 * only calls without it; and the components plugin lists the components
 * folder on every render, because edge was created before caching was
 * turned on. A compiled template depends only on its file and the names of
 * the locals it sees, so it is cached under both; the views folder does not
 * change while caching is on.
 */
export default class EdgeCacheProvider {
  constructor(protected app: ApplicationService) {}

  /**
   * Runs after the edge provider configured the cache
   */
  async boot() {
    if (!this.app.inProduction) {
      return
    }
    for (const compiler of [edge.compiler, edge.asyncCompiler]) {
      compiler.compile = memoizeCompile(compiler.compile.bind(compiler))
    }
    const listComponents = edge.loader.listComponents.bind(edge.loader)
    let components: ReturnType<typeof listComponents> | undefined
    edge.loader.listComponents = () => (components ??= listComponents())
  }
}

/**
 * Caches compiled templates by path and local variable names
 */
function memoizeCompile<Compile extends CompileFunction>(compile: Compile): Compile {
  const compiled = new Map<string, unknown>()
  return ((templatePath: string, localVariables?: string[]) => {
    const key = localVariables?.length
      ? `${templatePath}\0${localVariables.join(',')}`
      : templatePath
    let template = compiled.get(key)
    if (template === undefined) {
      template = compile(templatePath, localVariables)
      compiled.set(key, template)
    }
    return template
  }) as Compile
}
