// GET /data/entities/:entity_id/news (routes.md §16, row shape §21): the news of an entity's
// tasks, newest first, in one page of at most 2000 (Zou's get_news_for_entity), through the
// news feed's query (services/news.ts).
import type { Ctx } from '../crud/context.ts'
import { requireEntityRead } from './access.ts'
import { loadEntity } from './entities/load.ts'
import { newsPage } from './news.ts'

const LIMIT = '2000'

export async function entityNews(ctx: Ctx, entityId: string) {
  const entity = await loadEntity(ctx, entityId)
  await requireEntityRead(ctx, entity)
  return newsPage(ctx, { projectIds: null, entityId: entity.id }, { limit: LIMIT }, false)
}
