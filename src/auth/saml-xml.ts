// What Slate checks in a SAML response itself, before and around samlify: the XML schema
// (xmllint compiled to WebAssembly, no Java, no native build), one plain assertion carrying
// its own signature made with the identity provider's key (auth.md §11.1: assertions must be
// signed, the envelope need not be), and the assertion's id and validity period for the
// replay store.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { DOMParser } from '@xmldom/xmldom'
import { SignedXml } from 'xml-crypto'
import { validateXML } from 'xmllint-wasm'
import { AppError } from '../lib/errors.ts'

/** A refused response: 400 `{"error": reason}`; `detail` goes to the log only. */
export class SamlRefused extends AppError {
  constructor(reason: string, readonly detail: string) {
    super(400, { error: reason })
  }
}

export const REASONS = {
  invalid: 'The SAML response is not valid.',
  encrypted: 'Encrypted SAML assertions are not supported.',
  unsigned: 'The SAML assertion is not signed.',
  badSignature: 'The SAML assertion signature is not valid.',
  expired: 'The SAML assertion has expired or is not valid yet.',
  noValidity: 'The SAML assertion has no validity period.',
  audience: 'The SAML assertion is not meant for this service.',
  issuer: 'The SAML assertion comes from another identity provider.',
  status: 'The identity provider did not authenticate the user.',
  replayed: 'The SAML assertion was already used.',
  noEmail: 'The SAML assertion has no e-mail address.',
}

const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol'
const ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion'
const DSIG = 'http://www.w3.org/2000/09/xmldsig#'
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer'

// The SAML 2.0 schemas as @authenio/samlify-xmllint-wasm ships them; that package's own
// validate() prints every failure on the console, so Slate calls xmllint-wasm itself.
const SCHEMA_FILES = [
  'saml-schema-protocol-2.0.xsd', 'saml-schema-assertion-2.0.xsd', 'xmldsig-core-schema.xsd', 'xenc-schema.xsd',
  'XMLSchema.dtd', 'datatypes.dtd',
]
let schemas: Array<{ fileName: string; contents: string }> | null = null

function loadSchemas() {
  const dir = join(dirname(createRequire(import.meta.url).resolve('@authenio/samlify-xmllint-wasm/package.json')), 'build', 'schemas')
  return SCHEMA_FILES.map((fileName) => ({ fileName, contents: readFileSync(join(dir, fileName), 'utf8') }))
}

/** samlify's schema validator: resolves when the message is valid SAML 2.0, else rejects. */
export const schemaValidator = {
  async validate(xml: string): Promise<string> {
    schemas ??= loadSchemas()
    const [schema, ...preload] = schemas
    const result = await validateXML({ xml: [{ fileName: 'message.xml', contents: xml }], schema: [schema], preload })
    if (!result.valid) throw new Error('ERR_SCHEMA_VALIDATION')
    return 'SUCCESS_VALIDATE_XML'
  },
}

export interface InspectedResponse {
  /** The decoded response, as received. */
  xml: string
  assertionId: string
  /** The end of the assertion's validity: its Conditions / bearer confirmation NotOnOrAfter. */
  notOnOrAfter: Date
}

const childElements = (node: Element, ns: string, name: string): Element[] =>
  Array.from(node.childNodes as unknown as Iterable<Node>)
    .filter((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === name)

function time(value: string | null): Date | null {
  if (!value) return null
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? null : d
}

/**
 * Decodes the SAMLResponse form field and checks its shape: a protocol Response holding one
 * plain Assertion (no DTD, no second assertion hidden elsewhere), with its own signature
 * and a NotOnOrAfter. The signature itself is checked by verifyAssertionSignature.
 */
export function inspectResponse(samlResponse: string, driftMs: number): InspectedResponse {
  const compact = samlResponse.replace(/\s+/g, '')
  if (!compact || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw new SamlRefused(REASONS.invalid, 'not base64')
  const xml = Buffer.from(compact, 'base64').toString('utf8')
  const fail = () => { throw new SamlRefused(REASONS.invalid, 'not XML') }
  let doc: Document
  try {
    doc = new DOMParser({ errorHandler: { warning: () => {}, error: fail, fatalError: fail } }).parseFromString(xml, 'text/xml')
  } catch (err) {
    if (err instanceof SamlRefused) throw err
    throw new SamlRefused(REASONS.invalid, 'not XML')
  }
  const root = doc?.documentElement
  if (!root || doc.doctype || root.namespaceURI !== PROTOCOL || root.localName !== 'Response') {
    throw new SamlRefused(REASONS.invalid, 'not a SAML Response')
  }
  if (doc.getElementsByTagNameNS(ASSERTION, 'EncryptedAssertion').length) throw new SamlRefused(REASONS.encrypted, 'encrypted assertion')
  const all = doc.getElementsByTagNameNS(ASSERTION, 'Assertion')
  const assertion = childElements(root, ASSERTION, 'Assertion')[0]
  if (all.length !== 1 || !assertion) throw new SamlRefused(REASONS.invalid, `${all.length} assertions`)
  if (!childElements(assertion, DSIG, 'Signature').length) throw new SamlRefused(REASONS.unsigned, 'unsigned assertion')
  const assertionId = assertion.getAttribute('ID')
  if (!assertionId) throw new SamlRefused(REASONS.invalid, 'assertion without ID')

  // samlify checks Conditions; the bearer confirmation's NotOnOrAfter is checked here.
  const ends: Date[] = []
  for (const conditions of childElements(assertion, ASSERTION, 'Conditions')) {
    const end = time(conditions.getAttribute('NotOnOrAfter'))
    if (end) ends.push(end)
  }
  for (const subject of childElements(assertion, ASSERTION, 'Subject')) {
    for (const confirmation of childElements(subject, ASSERTION, 'SubjectConfirmation')) {
      if (confirmation.getAttribute('Method') !== BEARER) continue
      for (const data of childElements(confirmation, ASSERTION, 'SubjectConfirmationData')) {
        const end = time(data.getAttribute('NotOnOrAfter'))
        if (end) ends.push(end)
      }
    }
  }
  if (!ends.length) throw new SamlRefused(REASONS.noValidity, 'no NotOnOrAfter')
  const notOnOrAfter = new Date(Math.min(...ends.map((d) => d.getTime())))
  if (Date.now() >= notOnOrAfter.getTime() + driftMs) throw new SamlRefused(REASONS.expired, 'expired')
  return { xml, assertionId, notOnOrAfter }
}

const pem = (cert: string) => `-----BEGIN CERTIFICATE-----\n${cert.replace(/\s+/g, '').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`

/**
 * The assertion's own signature must verify with one of the provider's signing
 * certificates (from its metadata, never from the message) and cover exactly that assertion.
 */
export function verifyAssertionSignature(inspected: InspectedResponse, certificates: string[]): void {
  const doc = new DOMParser().parseFromString(inspected.xml, 'text/xml')
  const assertion = childElements(doc.documentElement, ASSERTION, 'Assertion')[0]
  const signature = childElements(assertion, DSIG, 'Signature')[0]
  for (const cert of certificates) {
    const sig = new SignedXml({ publicCert: pem(cert) })
    try {
      sig.loadSignature(signature)
      if (!sig.checkSignature(inspected.xml)) continue
    } catch {
      continue
    }
    const refs = sig.getReferences()
    if (refs.length === 1 && refs[0].uri === `#${inspected.assertionId}`) return
  }
  throw new SamlRefused(REASONS.badSignature, 'assertion signature does not verify')
}
