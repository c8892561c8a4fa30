// Zou's "full entity name" (names_service.get_full_entity_name) as SQL: "Episode / Sequence /
// Shot", "Episode / Sequence", "Asset type / Asset", with the episode id it implies. Used
// where a list shows it (news) or a mail names a task, so it never costs a query per row.

/** The two self-joins the expressions need, for the entity aliased `e` and its type `et`. */
export const fullNameJoins = (e: string) =>
  `LEFT JOIN entity ${e}_par ON ${e}_par.id = ${e}.parent_id LEFT JOIN entity ${e}_gp ON ${e}_gp.id = ${e}_par.parent_id`

export function fullNameSql(e: string, et: string): { name: string; episodeId: string } {
  const par = `${e}_par`
  const gp = `${e}_gp`
  return {
    name: `CASE
      WHEN ${et}.name = 'Shot' THEN CASE
        WHEN ${par}.id IS NULL THEN ${e}.name
        WHEN ${gp}.id IS NULL THEN ${par}.name || ' / ' || ${e}.name
        ELSE ${gp}.name || ' / ' || ${par}.name || ' / ' || ${e}.name END
      WHEN ${et}.name = 'Episode' THEN ${e}.name
      WHEN ${et}.name = 'Sequence' THEN CASE WHEN ${par}.id IS NULL THEN ${e}.name ELSE ${par}.name || ' / ' || ${e}.name END
      ELSE COALESCE(${et}.name || ' / ', '') || ${e}.name END`,
    episodeId: `CASE
      WHEN ${et}.name = 'Shot' THEN ${gp}.id
      WHEN ${et}.name = 'Episode' THEN NULL
      WHEN ${et}.name = 'Sequence' THEN ${par}.id
      ELSE ${e}.source_id END`,
  }
}
