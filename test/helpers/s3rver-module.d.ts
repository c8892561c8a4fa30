// s3rver (the test S3 server) ships no types: the few members test/helpers/s3rver.ts uses.
declare module 's3rver' {
  interface S3rverOptions { address?: string; port?: number; directory?: string; silent?: boolean; resetOnClose?: boolean }
  export default class S3rver {
    constructor(options: S3rverOptions)
    run(): Promise<{ address: string; port: number }>
    close(): Promise<void>
  }
}
