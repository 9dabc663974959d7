import { HttpContext } from '@adonisjs/core/http'
import { BaseSerializer, type Paginator } from '@adonisjs/core/transformers'

/**
 * The pagination `meta` of the JSON API
 */
type PageMeta = { total: number; perPage: number; page: number; lastPage: number }

/**
 * Serializes the JSON API's bodies: resources under `data`, a page of them
 * with `meta` ({ total, perPage, page, lastPage }, as the API has promised
 * since v1 rather than the transformers' own `metadata`)
 */
class ApiSerializer extends BaseSerializer<{ Wrap: 'data'; PaginationMetaData: PageMeta }> {
  wrap: 'data' = 'data'

  /**
   * The API's page meta from a Lucid paginator's meta or a search page's
   */
  definePaginationMetaData(metaData: unknown): PageMeta {
    const meta = metaData as Partial<PageMeta & { currentPage: number }>
    const page = meta.currentPage ?? meta.page
    if (
      typeof meta.total !== 'number' ||
      typeof meta.perPage !== 'number' ||
      typeof page !== 'number' ||
      typeof meta.lastPage !== 'number'
    ) {
      throw new Error('Pagination metadata needs total, perPage, currentPage or page, lastPage')
    }
    return { total: meta.total, perPage: meta.perPage, page, lastPage: meta.lastPage }
  }

  /**
   * A page of resources: `{ data: [...], meta }`
   */
  async serializePage<Page extends Paginator<any, any, any>>(
    page: Page,
    resolver: HttpContext['containerResolver']
  ) {
    const { data, metadata } = await this.serialize(page, resolver)
    return { data, meta: metadata }
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    /** Serializes transformed resources under `data` */
    serialize: ApiSerializer['serialize']
    /** Serializes a transformed page as `{ data: [...], meta }` */
    serializePage: (page: Paginator<any, any, any>) => Promise<{ data: unknown[]; meta: PageMeta }>
  }
}

const serializer = new ApiSerializer()

/**
 * Gives controllers `ctx.serialize()` and `ctx.serializePage()`, as in the v7
 * API starter kit
 */
export default class ApiProvider {
  register() {
    HttpContext.instanceProperty('serialize', function (this: HttpContext, values: any): any {
      return serializer.serialize(values, this.containerResolver)
    })
    HttpContext.instanceProperty(
      'serializePage',
      function (this: HttpContext, page: Paginator<any, any, any>): any {
        return serializer.serializePage(page, this.containerResolver)
      }
    )
  }
}
