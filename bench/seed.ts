// A deterministic TV-show production, inserted with set-based SQL (INSERT … SELECT over
// generate_series). Ids are md5 hashes of "<kind>:<counter>" and every "random" choice is
// arithmetic on the counter, so two runs produce the same rows, timestamps included.
import bcrypt from 'bcrypt'
import pg from 'pg'

export const BENCH_PASSWORD = 'bench-password'
const FIXED_SALT = '$2b$04$SlateBenchSaltSlateBen' // cost 4 + 22 salt characters

export const COUNTS = {
  episodes: 4,
  sequencesPerEpisode: 50,
  shotsPerSequence: 40,
  assets: 2000,
  persons: 100,
  comments: 20_000,
} as const

export interface Fixture {
  projectId: string
  managerEmail: string
  managerId: string
  adminEmail: string
  /** The artist with 500 assigned tasks, none done (the user context and to-do list). */
  artistEmail: string
  /** How many of them are not done (the rows of GET /data/user/tasks). */
  artistOpenTasks: number
  todoStatusId: string
  shotId: string
  /** Tasks spread over the whole production, for write rotation. */
  taskIds: string[]
  counts: Record<string, number>
}

// Persons by counter: 1 admin, 10 managers, 20 supervisors, 60 artists, 5 clients, 4 vendors.
const ROLE_CASE = `CASE WHEN n = 1 THEN 'admin' WHEN n <= 11 THEN 'manager' WHEN n <= 31 THEN 'supervisor'
  WHEN n <= 91 THEN 'user' WHEN n <= 96 THEN 'client' ELSE 'vendor' END`
const ROLE_NUMBER = `CASE WHEN n = 1 THEN 1 WHEN n <= 11 THEN n - 1 WHEN n <= 31 THEN n - 11
  WHEN n <= 91 THEN n - 31 WHEN n <= 96 THEN n - 91 ELSE n - 96 END`
const ROLE_LABEL = `CASE WHEN n = 1 THEN 'admin' WHEN n <= 11 THEN 'manager' WHEN n <= 31 THEN 'supervisor'
  WHEN n <= 91 THEN 'artist' WHEN n <= 96 THEN 'client' ELSE 'vendor' END`
const FIRST_ARTIST = 32
const FIRST_SUPERVISOR = 12
const TODO_ARTIST = 'artist-todo@bench.slate'

const SHOT_TASK_TYPES = ['Storyboard', 'Layout', 'Animation', 'Lighting', 'Compositing']
const ASSET_TASK_TYPES = ['Concept', 'Modeling', 'Shading', 'Rigging', 'Texture']
const ASSET_TYPES = ['Character', 'Prop', 'Environment', 'FX', 'Vehicle']

/** The statements, in order. `pg_temp.bid(kind, n)` is the deterministic id. */
function statements(): string[] {
  const nbSequences = COUNTS.episodes * COUNTS.sequencesPerEpisode
  const nbShots = nbSequences * COUNTS.shotsPerSequence
  const nbShotTasks = nbShots * SHOT_TASK_TYPES.length
  const nbTasks = nbShotTasks + COUNTS.assets * ASSET_TASK_TYPES.length
  const at = (seconds: string) => `(TIMESTAMP '2026-01-05 09:00:00' + (${seconds}) * INTERVAL '1 second')`
  const list = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(', ')}]`
  // Task status by counter: 30 % todo, 25 % wip, 15 % wfa, 25 % done, 5 % retake.
  const statusOf = (n: string) => `pg_temp.bid('task_status', CASE WHEN (${n} * 7919) % 100 < 30 THEN 1
    WHEN (${n} * 7919) % 100 < 55 THEN 2 WHEN (${n} * 7919) % 100 < 70 THEN 3 WHEN (${n} * 7919) % 100 < 95 THEN 4 ELSE 5 END)`
  return [
    `CREATE FUNCTION pg_temp.bid(kind text, n bigint) RETURNS uuid IMMUTABLE LANGUAGE sql
       AS $$ SELECT md5('bench:' || kind || ':' || n)::uuid $$`,
    `INSERT INTO project_status (id, name, color, created_at, updated_at)
       SELECT pg_temp.bid('project_status', n), (ARRAY['Open', 'Closed'])[n], '#000000', ${at('n')}, ${at('n')}
       FROM generate_series(1, 2) n`,
    `INSERT INTO task_status (id, name, short_name, color, priority, is_default, is_wip, is_feedback_request, is_done, is_retake, created_at, updated_at)
       SELECT pg_temp.bid('task_status', n),
         (ARRAY['Todo', 'Work In Progress', 'Waiting For Approval', 'Done', 'Retake'])[n],
         (ARRAY['todo', 'wip', 'wfa', 'done', 'retake'])[n],
         (ARRAY['#f5f5f5', '#3273dc', '#ab26ff', '#22d160', '#ff3860'])[n],
         n, n = 1, n = 2, n = 3, n = 4, n = 5, ${at('n')}, ${at('n')}
       FROM generate_series(1, 5) n`,
    `INSERT INTO entity_type (id, name, created_at, updated_at)
       SELECT pg_temp.bid('entity_type', n), (${list(['Episode', 'Sequence', 'Shot', ...ASSET_TYPES])})[n], ${at('n')}, ${at('n')}
       FROM generate_series(1, ${3 + ASSET_TYPES.length}) n`,
    `INSERT INTO task_type (id, name, short_name, for_entity, priority, color, created_at, updated_at)
       SELECT pg_temp.bid('task_type', n), (${list([...SHOT_TASK_TYPES, ...ASSET_TASK_TYPES])})[n],
         lower(left((${list([...SHOT_TASK_TYPES, ...ASSET_TASK_TYPES])})[n], 4)),
         CASE WHEN n <= 5 THEN 'Shot' ELSE 'Asset' END, (n - 1) % 5 + 1, '#7CB342', ${at('n')}, ${at('n')}
       FROM generate_series(1, 10) n`,
    `INSERT INTO person (id, first_name, last_name, email, password, role, position, active, created_at, updated_at)
       SELECT pg_temp.bid('person', n), initcap(${ROLE_LABEL}), lpad((${ROLE_NUMBER})::text, 2, '0'),
         ${ROLE_LABEL} || lpad((${ROLE_NUMBER})::text, 2, '0') || '@bench.slate', $1::bytea, ${ROLE_CASE},
         CASE WHEN n BETWEEN 12 AND 31 THEN 'supervisor' WHEN n <= 11 THEN 'lead' ELSE 'artist' END,
         true, ${at('n')}, ${at('n')}
       FROM generate_series(1, ${COUNTS.persons}) n`,
    `INSERT INTO project (id, name, code, production_type, production_style, project_status_id, nb_episodes, fps, created_at, updated_at)
       VALUES (pg_temp.bid('project', 1), 'Bench TV Show', 'BTV', 'tvshow', '2d3d', pg_temp.bid('project_status', 1),
         ${COUNTS.episodes}, '25', ${at('0')}, ${at('0')})`,
    `INSERT INTO project_person_link (project_id, person_id)
       SELECT pg_temp.bid('project', 1), pg_temp.bid('person', n) FROM generate_series(1, ${COUNTS.persons}) n`,
    `INSERT INTO project_task_type_link (id, project_id, task_type_id, priority)
       SELECT pg_temp.bid('project_task_type_link', n), pg_temp.bid('project', 1), pg_temp.bid('task_type', n), n
       FROM generate_series(1, 10) n`,
    `INSERT INTO project_task_status_link (id, project_id, task_status_id, priority)
       SELECT pg_temp.bid('project_task_status_link', n), pg_temp.bid('project', 1), pg_temp.bid('task_status', n), n
       FROM generate_series(1, 5) n`,
    `INSERT INTO project_asset_type_link (project_id, asset_type_id)
       SELECT pg_temp.bid('project', 1), pg_temp.bid('entity_type', n) FROM generate_series(4, ${3 + ASSET_TYPES.length}) n`,
    // Episodes E01…, sequences SQ001… under each episode, shots SH0010… under each sequence.
    `INSERT INTO entity (id, name, project_id, entity_type_id, created_at, updated_at)
       SELECT pg_temp.bid('episode', n), 'E' || lpad(n::text, 2, '0'), pg_temp.bid('project', 1), pg_temp.bid('entity_type', 1), ${at('n')}, ${at('n')}
       FROM generate_series(1, ${COUNTS.episodes}) n`,
    `INSERT INTO entity (id, name, project_id, entity_type_id, parent_id, created_at, updated_at)
       SELECT pg_temp.bid('sequence', n), 'SQ' || lpad(((n - 1) % ${COUNTS.sequencesPerEpisode} + 1)::text, 3, '0'),
         pg_temp.bid('project', 1), pg_temp.bid('entity_type', 2),
         pg_temp.bid('episode', (n - 1) / ${COUNTS.sequencesPerEpisode} + 1), ${at('100 + n')}, ${at('100 + n')}
       FROM generate_series(1, ${nbSequences}) n`,
    `INSERT INTO entity (id, name, project_id, entity_type_id, parent_id, nb_frames, data, created_at, updated_at)
       SELECT pg_temp.bid('shot', n), 'SH' || lpad((((n - 1) % ${COUNTS.shotsPerSequence} + 1) * 10)::text, 4, '0'),
         pg_temp.bid('project', 1), pg_temp.bid('entity_type', 3),
         pg_temp.bid('sequence', (n - 1) / ${COUNTS.shotsPerSequence} + 1), 24 + (n * 37) % 200,
         jsonb_build_object('frame_in', 1001, 'frame_out', 1000 + 24 + (n * 37) % 200),
         ${at('1000 + n')}, ${at('1000 + n')}
       FROM generate_series(1, ${nbShots}) n`,
    `INSERT INTO entity (id, name, description, project_id, entity_type_id, created_at, updated_at)
       SELECT pg_temp.bid('asset', n), (${list(ASSET_TYPES)})[(n - 1) % 5 + 1] || ' ' || lpad(((n - 1) / 5 + 1)::text, 3, '0'),
         'Bench asset ' || n, pg_temp.bid('project', 1), pg_temp.bid('entity_type', 4 + (n - 1) % 5),
         ${at('20000 + n')}, ${at('20000 + n')}
       FROM generate_series(1, ${COUNTS.assets}) n`,
    // Tasks 1…40 000: shot (n-1)/5+1 × shot task type; 40 001…: asset × asset task type.
    `INSERT INTO task (id, name, project_id, task_type_id, task_status_id, entity_id, assigner_id, priority, difficulty,
         estimation, duration, sort_order, created_at, updated_at)
       SELECT pg_temp.bid('task', n), 'main', pg_temp.bid('project', 1),
         CASE WHEN n <= ${nbShotTasks} THEN pg_temp.bid('task_type', (n - 1) % 5 + 1) ELSE pg_temp.bid('task_type', 6 + (n - 1) % 5) END,
         ${statusOf('n')},
         CASE WHEN n <= ${nbShotTasks} THEN pg_temp.bid('shot', (n - 1) / 5 + 1) ELSE pg_temp.bid('asset', (n - ${nbShotTasks} - 1) / 5 + 1) END,
         pg_temp.bid('person', ${FIRST_SUPERVISOR} + n % 20), (n * 13) % 4, 1 + (n * 17) % 5,
         ((n * 31) % 10) * 0.5, ((n * 7) % 8) * 0.25, 0, ${at('30000 + n')}, ${at('30000 + n')}
       FROM generate_series(1, ${nbTasks}) n`,
    // 70 % of tasks get an artist, every tenth task a second one.
    `INSERT INTO task_person_link (task_id, person_id)
       SELECT pg_temp.bid('task', n), pg_temp.bid('person', ${FIRST_ARTIST} + (n * 7) % 60)
       FROM generate_series(1, ${nbTasks}) n WHERE (n * 40503) % 10 < 7
       UNION ALL
       SELECT pg_temp.bid('task', n), pg_temp.bid('person', ${FIRST_ARTIST} + (n * 7 + 30) % 60)
       FROM generate_series(1, ${nbTasks}) n WHERE n % 10 = 0`,
    // The user-context artist (GET /data/user/tasks, /data/user/context): on the team, with
    // exactly 500 assigned tasks that are not done, spread over shots and assets.
    `INSERT INTO person (id, first_name, last_name, email, password, role, position, active, created_at, updated_at)
       VALUES (pg_temp.bid('person', 0), 'Artist', 'Todo', '${TODO_ARTIST}', $1::bytea, 'user', 'artist', true, ${at('0')}, ${at('0')})`,
    `INSERT INTO project_person_link (project_id, person_id) VALUES (pg_temp.bid('project', 1), pg_temp.bid('person', 0))`,
    `INSERT INTO task_person_link (task_id, person_id)
       SELECT pg_temp.bid('task', n), pg_temp.bid('person', 0) FROM generate_series(1, ${nbTasks}) n
       WHERE n % 50 = 7 AND (n * 7919) % 100 NOT BETWEEN 70 AND 94 ORDER BY n LIMIT 500`,
    `INSERT INTO comment (id, object_id, object_type, person_id, task_status_id, text, created_at, updated_at)
       SELECT pg_temp.bid('comment', k), pg_temp.bid('task', t.n), 'Task',
         pg_temp.bid('person', CASE WHEN k % 3 = 0 THEN ${FIRST_SUPERVISOR} + k % 20 ELSE ${FIRST_ARTIST} + k % 60 END),
         ${statusOf('t.n')}, 'Bench comment ' || k || ': ' || repeat('looks good, ', 1 + k % 12),
         ${at('100000 + k * 60')}, ${at('100000 + k * 60')}
       FROM generate_series(1, ${COUNTS.comments}) k, LATERAL (SELECT (k * 7919) % ${nbTasks} + 1 AS n) t`,
    `UPDATE task SET last_comment_date = c.last FROM (SELECT object_id, max(created_at) AS last FROM comment GROUP BY object_id) c
       WHERE task.id = c.object_id`,
  ]
}

/** Seeds an empty, migrated database; returns the ids the measurements need. */
export async function seed(url: string): Promise<Fixture> {
  // Hashed once at cost 4 (with a fixed salt, so the bytes are the same every run) and reused
  // by every person: seeding stays fast, log-in still runs bcrypt.
  const hash = Buffer.from(await bcrypt.hash(BENCH_PASSWORD, FIXED_SALT), 'utf8')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('BEGIN')
    for (const sql of statements()) await client.query(sql, sql.includes('$1') ? [hash] : [])
    await client.query('COMMIT')
    await client.query('ANALYZE')
    return await readFixture(client)
  } finally {
    await client.end()
  }
}

async function readFixture(client: pg.Client): Promise<Fixture> {
  const one = async (sql: string) => (await client.query(sql)).rows[0].id as string
  const counts: Record<string, number> = {}
  for (const table of ['person', 'project', 'entity', 'task', 'task_person_link', 'comment']) {
    counts[table] = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n)
  }
  const { rows } = await client.query(`SELECT id FROM task ORDER BY created_at, id`)
  const { rows: [artist] } = await client.query(`
    SELECT count(*) FILTER (WHERE NOT ts.is_done) AS open
    FROM task_person_link l JOIN task t ON t.id = l.task_id JOIN task_status ts ON ts.id = t.task_status_id
    WHERE l.person_id = (SELECT id FROM person WHERE email = $1)`, [TODO_ARTIST])
  return {
    projectId: await one(`SELECT id FROM project WHERE name = 'Bench TV Show'`),
    managerEmail: 'manager01@bench.slate',
    artistEmail: TODO_ARTIST,
    artistOpenTasks: Number(artist.open),
    adminEmail: (await client.query(`SELECT email FROM person WHERE role = 'admin' ORDER BY email LIMIT 1`)).rows[0].email as string,
    managerId: await one(`SELECT id FROM person WHERE email = 'manager01@bench.slate'`),
    todoStatusId: await one(`SELECT id FROM task_status WHERE short_name = 'todo'`),
    shotId: await one(`SELECT e.id FROM entity e JOIN entity_type t ON t.id = e.entity_type_id
      WHERE t.name = 'Shot' ORDER BY e.created_at, e.id OFFSET 4321 LIMIT 1`),
    // Every tenth task: 5 000 rows over shots and assets, so writes rarely hit the same row.
    taskIds: rows.filter((_r, i) => i % 10 === 3).map((r) => r.id as string),
    counts,
  }
}
