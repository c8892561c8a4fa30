#!/usr/bin/env node
// A Prisma generator (run by `prisma generate`): writes the data model's full field facts
// (types, native types, nullability, lists, defaults, keys, relations) to
// src/generated/model-meta.json. The generic CRUD derives filters, validation, JSON
// schemas and serializers from it, so the schema stays the one source of truth.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import gh from '@prisma/generator-helper'

gh.generatorHandler({
  onManifest: () => ({ prettyName: 'Slate model metadata', defaultOutput: '../src/generated/model-meta.json' }),
  onGenerate: async (options) => {
    const out = options.generator.output?.value ?? resolve('src/generated/model-meta.json')
    const models = options.dmmf.datamodel.models.map((m) => ({
      name: m.name,
      dbName: m.dbName ?? m.name,
      primaryKey: m.primaryKey?.fields ?? null,
      fields: m.fields.map((f) => ({
        name: f.name,
        kind: f.kind,
        type: f.type,
        nativeType: f.nativeType ?? null,
        isList: f.isList,
        isRequired: f.isRequired,
        isId: f.isId,
        isUnique: f.isUnique,
        hasDefault: f.hasDefaultValue,
        isUpdatedAt: f.isUpdatedAt ?? false,
        relationName: f.relationName ?? null,
        relationFromFields: f.relationFromFields ?? null,
      })),
    }))
    const enums = Object.fromEntries(options.dmmf.datamodel.enums.map((e) => [e.name, e.values.map((v) => v.dbName ?? v.name)]))
    mkdirSync(dirname(out), { recursive: true })
    writeFileSync(out, JSON.stringify({ models, enums }, null, 1))
  },
})
