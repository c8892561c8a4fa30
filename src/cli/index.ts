// `slate <command>`: the server and the few administration commands Zou's `zou` CLI offers
// that a studio needs (upgrade-db → migrate, init-data, create-admin).
import { Argument, Command } from 'commander'
import { loadConfig } from '../config.ts'
import { migrate } from '../db/migrate.ts'
import { AdminError, createAdmin } from '../services/admin.ts'
import { AccountError, setPassword, wipeTwoFactor } from '../services/accounts.ts'
import { findPersonByEmail } from '../auth/login.ts'
import { DOMAINS, initData, type Domain } from '../services/init-data.ts'
import { VERSION } from '../version.ts'
import { EventBus } from '../events/bus.ts'
import { syncLdap } from '../services/ldap-sync.ts'
import { describeMigrations, withDatabase, withMigratedDb } from './database.ts'
import { describeInitData, describeLdapSync, fail, oneShot } from './output.ts'

export function buildProgram(): Command {
  const program = new Command('slate')
    .description('Production tracker API compatible with Kitsu (a Zou re-implementation).')
    .version(VERSION)

  program.command('serve')
    .description('Start the API server (migrates, seeds an empty database, ensures an admin exists).')
    // Loaded on demand: the one-shot commands start faster without the whole app.
    .action(async () => (await import('../server.ts')).serve(loadConfig()))

  program.command('worker')
    .description('Work the job queue (movie previews, playlist builds) for API processes started with JOB_WORKER=off.')
    .action(async () => (await import('./worker.ts')).runWorker(loadConfig()))

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

  program.command('change-password')
    .description('Set the password of the person with this e-mail.')
    .argument('<email>', 'e-mail address of the account')
    .option('--password <password>', 'the new password (default: $SLATE_NEW_PASSWORD)')
    .action(oneShot((email: string, opts: { password?: string }) => withMigratedDb(async (db, config) => {
      const password = opts.password ?? process.env.SLATE_NEW_PASSWORD
      if (!password) throw new AccountError('A password is required: pass --password <password> or set SLATE_NEW_PASSWORD.')
      const person = await findPersonByEmail(db, email)
      if (!person) throw new AccountError(`No person with the e-mail ${email}.`)
      await setPassword(db, config, person, password, password, null)
      console.log(`Password of ${person.email} changed.`)
    })))

  program.command('disable-2fa')
    .description('Remove every two-factor method of the person with this e-mail.')
    .argument('<email>', 'e-mail address of the account')
    .action(oneShot((email: string) => withMigratedDb(async (db) => {
      const person = await findPersonByEmail(db, email)
      if (!person) throw new AccountError(`No person with the e-mail ${email}.`)
      await wipeTwoFactor(db, person, null)
      console.log(`Two-factor authentication of ${person.email} disabled.`)
    })))

  program.command('sync-ldap')
    .alias('sync-with-ldap-server')
    .description('Import, update and deactivate persons from the LDAP directory (the LDAP_* settings).')
    .action(oneShot(() => withMigratedDb(async (db, config, pool) => {
      const events = new EventBus(pool, { error: (obj: unknown, msg?: string) => process.stderr.write(`slate: ${msg ?? String(obj)}\n`) })
      const report = await syncLdap({ db, config, events, print: (line) => console.log(line) })
      console.log(describeLdapSync(report))
    })))

  return program
}

// serve keeps running; the one-shot commands exit on their own (oneShot).
await buildProgram().parseAsync(process.argv).catch(fail)
