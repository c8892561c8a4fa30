// `slate <command>`: the server and the few administration commands Zou's `zou` CLI offers
// that a studio needs (upgrade-db → migrate, init-data, create-admin).
import { Argument, Command } from 'commander'
import { loadConfig } from '../config.ts'
import { migrate } from '../db/migrate.ts'
import { AdminError, createAdmin } from '../services/admin.ts'
import { DOMAINS, initData, type Domain } from '../services/init-data.ts'
import { VERSION } from '../version.ts'
import { describeMigrations, withDatabase, withMigratedDb } from './database.ts'
import { describeInitData, fail, oneShot } from './output.ts'

export function buildProgram(): Command {
  const program = new Command('slate')
    .description('Production tracker API compatible with Kitsu (a Zou re-implementation).')
    .version(VERSION)

  program.command('serve')
    .description('Start the API server (migrates, seeds an empty database, ensures an admin exists).')
    // Loaded on demand: the one-shot commands start faster without the whole app.
    .action(async () => (await import('../server.ts')).serve(loadConfig()))

  program.command('migrate')
    .description('Apply pending database migrations.')
    .action(oneShot(() => withDatabase(async (url) => console.log(describeMigrations(await migrate(url))))))

  program.command('init-data')
    .description('Create the default statuses, entity types, departments and task types (idempotent).')
    .addArgument(new Argument('[domain]', 'studio domain').choices(DOMAINS).default('3d'))
    .action(oneShot((domain: Domain) =>
      withMigratedDb(async (db) => console.log(describeInitData(await initData(db, domain), domain)))))

  program.command('create-admin')
    .description('Create an admin account, or make the existing account with that e-mail an active admin.')
    .argument('<email>', 'e-mail address, used to log in')
    .option('--password <password>', 'password (default: $SLATE_ADMIN_PASSWORD)')
    .action(oneShot((email: string, opts: { password?: string }) => withMigratedDb(async (db, config) => {
      const password = opts.password ?? config.adminPassword
      if (!password) throw new AdminError('A password is required: pass --password <password> or set SLATE_ADMIN_PASSWORD.')
      const admin = await createAdmin(db, config, email, password)
      console.log(`Admin ${admin.email} ${admin.created ? 'created' : 'updated'}.`)
    })))

  return program
}

// serve keeps running; the one-shot commands exit on their own (oneShot).
await buildProgram().parseAsync(process.argv).catch(fail)
