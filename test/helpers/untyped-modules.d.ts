// The test-only servers ship no types (oidc-provider 8, ldapjs 3): their APIs are used
// loosely in test/helpers/oidc-provider.ts and test/helpers/ldap-server.ts only.
declare module 'oidc-provider'
declare module 'ldapjs'
