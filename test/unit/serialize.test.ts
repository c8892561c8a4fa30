// Zou's wire formats (crud.md §9): naive-UTC datetimes, dates, date inputs read as wall clock,
// UUID checks, and the compiled row serializer.
import { describe, expect, it } from 'vitest'
import type { FieldMeta, ModelMeta } from '../../src/crud/meta.ts'
import {
  formatDate, formatDateTime, formatDateTimeMs, isUuid, parseDateInput, parseDateTimeInput, rowSerializer,
} from '../../src/lib/serialize.ts'

const iso = (d: Date | null) => d?.toISOString() ?? null

describe('formatDateTime / formatDate / formatDateTimeMs', () => {
  it('writes naive UTC without fraction or zone', () => {
    expect(formatDateTime(new Date('2024-01-15T10:30:45.999Z'))).toBe('2024-01-15T10:30:45')
    expect(formatDateTime(new Date('2024-01-15T23:30:00-02:00'))).toBe('2024-01-16T01:30:00')
    expect(formatDateTime(null)).toBeNull()
    expect(formatDateTime(undefined)).toBeNull()
  })

  it('writes dates as YYYY-MM-DD in UTC', () => {
    expect(formatDate(new Date('2024-01-15T00:00:00Z'))).toBe('2024-01-15')
    expect(formatDate(new Date('2024-02-29T23:59:59.999Z'))).toBe('2024-02-29')
    expect(formatDate(null)).toBeNull()
  })

  it('keeps the fraction as microseconds only when there is one', () => {
    expect(formatDateTimeMs(new Date('2024-01-15T10:30:00.000Z'))).toBe('2024-01-15T10:30:00')
    expect(formatDateTimeMs(new Date('2024-01-15T10:30:00.123Z'))).toBe('2024-01-15T10:30:00.123000')
  })
})

describe('parseDateTimeInput', () => {
  it.each([
    ['2024-01-15', '2024-01-15T00:00:00.000Z'],
    ['2024-01-15T10:30:00', '2024-01-15T10:30:00.000Z'],
    ['2024-01-15T10:30:00Z', '2024-01-15T10:30:00.000Z'],
    ['2024-01-15 10:30:00', '2024-01-15T10:30:00.000Z'],
    ['2024-01-15T10:30', '2024-01-15T10:30:00.000Z'],
    ['2024-01-15T10:30:00.123456', '2024-01-15T10:30:00.123Z'],
    ['  2024-01-15T10:30:00  ', '2024-01-15T10:30:00.000Z'],
  ])('reads %s as UTC', (input, expected) => {
    expect(iso(parseDateTimeInput(input))).toBe(expected)
  })

  it('keeps the wall clock of an offset input, as Zou stores it', () => {
    expect(iso(parseDateTimeInput('2024-01-15T10:30:00+02:00'))).toBe('2024-01-15T10:30:00.000Z')
    expect(iso(parseDateTimeInput('2024-01-15T10:30:00-0500'))).toBe('2024-01-15T10:30:00.000Z')
  })

  it.each(['2024-13-01', '2024-02-30', '2023-02-29', '2024-01-15T25:00:00', '15/01/2024', '2024-1-5', 'yesterday', ''])(
    'refuses %j', (input) => {
      expect(parseDateTimeInput(input)).toBeNull()
    },
  )
})

describe('parseDateInput', () => {
  it('drops the time, keeping the date as written', () => {
    expect(iso(parseDateInput('2024-01-15'))).toBe('2024-01-15T00:00:00.000Z')
    expect(iso(parseDateInput('2024-01-15T23:30:00+02:00'))).toBe('2024-01-15T00:00:00.000Z')
    expect(iso(parseDateInput('2024-02-29T10:00:00Z'))).toBe('2024-02-29T00:00:00.000Z')
    expect(parseDateInput('2024-13-01')).toBeNull()
  })
})

describe('isUuid', () => {
  it('accepts 8-4-4-4-12 hex in either case', () => {
    expect(isUuid('5c7fb2a4-6f1e-4b8a-9c1d-2e3f4a5b6c7d')).toBe(true)
    expect(isUuid('5C7FB2A4-6F1E-4B8A-9C1D-2E3F4A5B6C7D')).toBe(true)
    expect(isUuid('00000000-0000-0000-0000-000000000000')).toBe(true)
  })

  it.each([
    'not-a-uuid', '5c7fb2a4-6f1e-4b8a-9c1d-2e3f4a5b6c7', '5c7fb2a46f1e4b8a9c1d2e3f4a5b6c7d', '{5c7fb2a4-6f1e-4b8a-9c1d-2e3f4a5b6c7d}',
    'g c7fb2a4-6f1e-4b8a-9c1d-2e3f4a5b6c7d', '5c7fb2a4-6f1e-4b8a-9c1d-2e3f4a5b6c7d ', '',
  ])('refuses %j', (value) => {
    expect(isUuid(value)).toBe(false)
  })

  it('refuses non-strings', () => {
    for (const value of [null, undefined, 42, {}, ['5c7fb2a4-6f1e-4b8a-9c1d-2e3f4a5b6c7d']]) expect(isUuid(value)).toBe(false)
  })
})

describe('rowSerializer', () => {
  const field = (name: string, type: FieldMeta['type'], isList = false): FieldMeta =>
    ({ name, type, isList, nullable: true, maxLength: null, hasDefault: false })
  const fields = [
    field('id', 'uuid'), field('created_at', 'datetime'), field('due', 'date'), field('size', 'bigint'),
    field('password', 'bytes'), field('secret', 'string'), field('type', 'string'), field('days', 'date', true), field('data', 'json'),
  ]
  const meta: ModelMeta = {
    name: 'Thing', table: 'thing', delegate: 'thing', fields,
    byName: new Map(fields.map((f) => [f.name, f])), relationFields: new Set(),
  }

  it('formats dates, numbers bigints, drops bytes and hidden columns, adds type', () => {
    const serialize = rowSerializer(meta, 'Thing', new Set(['secret']))
    const out = serialize({
      id: 'a', created_at: new Date('2024-01-15T10:30:00.5Z'), due: new Date('2024-01-20T00:00:00Z'), size: 12345678901n,
      password: Buffer.from('hash'), secret: 's', type: 'kind', days: [new Date('2024-01-01T00:00:00Z')], data: { a: 1 },
    })
    expect(out).toEqual({
      id: 'a', created_at: '2024-01-15T10:30:00', due: '2024-01-20', size: 12345678901,
      thing_type: 'kind', days: ['2024-01-01'], data: { a: 1 }, type: 'Thing',
    })
  })

  it('writes null for missing and null values', () => {
    const out = rowSerializer(meta, 'Thing')({ id: 'b' })
    expect(out).toMatchObject({ id: 'b', created_at: null, due: null, size: null, secret: null, days: null, data: null, type: 'Thing' })
    expect(out).not.toHaveProperty('password')
  })
})
