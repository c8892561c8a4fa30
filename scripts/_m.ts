import { migrate } from '../src/db/migrate.ts'
const url = 'postgresql://postgres@127.0.0.1:5432/slate_dev'
console.time('m1'); console.log(await migrate(url)); console.timeEnd('m1')
console.time('m2'); console.log(await migrate(url)); console.timeEnd('m2')
