// routes.md §8: the files blueprint (working files, output files, file paths, file trees).
import type { FastifyInstance } from 'fastify'
import multipart from '@fastify/multipart'
import { createCtx } from '../../crud/context.ts'
import { formValues } from '../../lib/multipart.ts'
import { boolArg } from '../../services/concepts-edits-shared.ts'
import { depsOf } from '../../services/write-scope.ts'
import * as working from '../../services/files/working-files.ts'
import * as outputs from '../../services/files/output-files.ts'
import * as lists from '../../services/files/output-file-lists.ts'
import { sendWorkingFile, storeWorkingFile } from '../../services/files/working-file-bytes.ts'
import { guessFromPath } from '../../services/files/guess.ts'
import { setFileTree } from '../../services/files/project-tree.ts'
import * as S from './schemas.ts'

const tags = ['files']
const access = 'user'
// Zou's pydantic bodies fall back to the query string when no JSON body is sent.
const preValidation = formValues

type Q = { Querystring: S.AnyQuery }
type P<T> = { Params: T }

export default async function filesRoutes(app: FastifyInstance) {
  app.get<P<{ file_id: string }>>('/data/files/:file_id', {
    schema: { tags, params: S.FileIdParams, response: { 200: S.AnyFile } }, config: { access },
  }, (req) => working.getFile(createCtx(app, req), req.params.file_id))

  // ---- working files ----
  app.get<P<{ task_id: string }>>('/data/tasks/:task_id/working-files', {
    schema: { tags, params: S.TaskIdParams, response: { 200: S.WorkingFileList } }, config: { access },
  }, (req) => working.taskWorkingFiles(createCtx(app, req), req.params.task_id))

  app.post<P<{ task_id: string }> & { Body: S.NewWorkingFileBody }>('/data/tasks/:task_id/working-files/new', {
    schema: { tags, params: S.TaskIdParams, body: S.NewWorkingFileBody, response: { 201: S.WorkingFileRef } },
    config: { access }, preValidation,
  }, async (req, reply) => reply.code(201).send(await working.createWorkingFile(depsOf(app, req), req.params.task_id, req.body)))

  app.get<P<{ task_id: string }>>('/data/tasks/:task_id/working-files/last-revisions', {
    schema: { tags, params: S.TaskIdParams, response: { 200: S.WorkingFilesByName } }, config: { access },
  }, (req) => working.lastWorkingFiles(createCtx(app, req), req.params.task_id))

  app.post<P<{ task_id: string }> & { Body: S.WorkingFilePathBody }>('/data/tasks/:task_id/working-file-path', {
    schema: { tags, params: S.TaskIdParams, body: S.WorkingFilePathBody, response: { 200: S.WorkingFilePath } },
    config: { access }, preValidation,
  }, (req) => working.workingFilePath(createCtx(app, req), req.params.task_id, req.body, req.body))

  app.get<P<{ entity_id: string }> & Q>('/data/entities/:entity_id/working-files', {
    schema: { tags, params: S.EntityIdParams, querystring: S.AnyQuery, response: { 200: S.WorkingFileList } }, config: { access },
  }, (req) => working.entityWorkingFiles(createCtx(app, req), req.params.entity_id, req.query, boolArg(req.query.relations)))

  app.put<P<{ working_file_id: string }> & { Body: S.CommentBody }>('/actions/working-files/:working_file_id/comment', {
    schema: { tags, params: S.WorkingFileIdParams, body: S.CommentBody, response: { 200: S.WorkingFileRef } },
    config: { access }, preValidation,
  }, (req) => working.setWorkingFileComment(createCtx(app, req), req.params.working_file_id, req.body.comment))

  app.put<P<{ working_file_id: string }>>('/actions/working-files/:working_file_id/modified', {
    schema: { tags, params: S.WorkingFileIdParams, response: { 200: S.WorkingFileRef } }, config: { access },
  }, (req) => working.touchWorkingFile(createCtx(app, req), req.params.working_file_id))

  // Bytes: multipart streams only in this sub-plugin (no other route of the area parses forms).
  await app.register(async (bytes) => {
    await bytes.register(multipart, { limits: { fileSize: app.config.maxContentLength, files: 10 } })

    bytes.get<P<{ working_file_id: string }>>('/data/working-files/:working_file_id/file', {
      schema: { tags, params: S.WorkingFileIdParams }, config: { access },
    }, (req, reply) => sendWorkingFile(createCtx(app, req), req, reply, req.params.working_file_id))

    bytes.post<P<{ working_file_id: string }>>('/data/working-files/:working_file_id/file', {
      schema: { tags, params: S.WorkingFileIdParams, response: { 201: S.WorkingFileRef } }, config: { access },
    }, async (req, reply) => reply.code(201).send(await storeWorkingFile(createCtx(app, req), req, req.params.working_file_id)))
  })

  // ---- output files of an entity ----
  app.post<P<{ entity_id: string }> & { Body: S.OutputFilePathBody }>('/data/entities/:entity_id/output-file-path', {
    schema: { tags, params: S.EntityIdParams, body: S.OutputFilePathBody, response: { 200: S.OutputFilePath } },
    config: { access }, preValidation,
  }, (req) => outputs.entityOutputFilePath(createCtx(app, req), req.params.entity_id, req.body, req.body))

  app.post<P<{ entity_id: string }> & { Body: S.NewOutputFileBody }>('/data/entities/:entity_id/output-files/new', {
    schema: { tags, params: S.EntityIdParams, body: S.NewOutputFileBody, response: { 201: S.NewOutputFile } },
    config: { access }, preValidation,
  }, async (req, reply) => reply.code(201).send(await outputs.createEntityOutputFile(depsOf(app, req), req.params.entity_id, req.body)))

  app.post<P<{ entity_id: string }> & { Body: S.NextRevisionBody }>('/data/entities/:entity_id/output-files/next-revision', {
    schema: { tags, params: S.EntityIdParams, body: S.NextRevisionBody, response: { 200: S.NextRevision } },
    config: { access }, preValidation,
  }, (req) => outputs.entityNextRevision(createCtx(app, req), req.params.entity_id, req.body))

  app.get<P<{ entity_id: string }> & Q>('/data/entities/:entity_id/output-files/last-revisions', {
    schema: { tags, params: S.EntityIdParams, querystring: S.AnyQuery, response: { 200: S.OutputFileList } }, config: { access },
  }, (req) => lists.entityLastOutputFiles(createCtx(app, req), req.params.entity_id, req.query))

  app.get<P<{ entity_id: string }>>('/data/entities/:entity_id/output-types', {
    schema: { tags, params: S.EntityIdParams, response: { 200: S.OutputTypeList } }, config: { access },
  }, (req) => lists.entityOutputTypes(createCtx(app, req), req.params.entity_id))

  app.get<P<{ entity_id: string; output_type_id: string }> & Q>('/data/entities/:entity_id/output-types/:output_type_id/output-files', {
    schema: { tags, params: S.EntityOutputTypeParams, querystring: S.AnyQuery, response: { 200: S.OutputFileList } }, config: { access },
  }, (req) => lists.entityOutputTypeFiles(createCtx(app, req), req.params.entity_id, req.params.output_type_id, req.query))

  app.get<P<{ entity_id: string }> & Q>('/data/entities/:entity_id/output-files', {
    schema: { tags, params: S.EntityIdParams, querystring: S.AnyQuery, response: { 200: S.OutputFileList } }, config: { access },
  }, (req) => lists.entityOutputFiles(createCtx(app, req), req.params.entity_id, req.query))

  app.get<P<{ project_id: string }> & Q>('/data/projects/:project_id/output-files', {
    schema: { tags, params: S.ProjectIdParams, querystring: S.AnyQuery, response: { 200: S.OutputFileList } }, config: { access },
  }, (req) => lists.projectOutputFiles(createCtx(app, req), req.params.project_id, req.query))

  // ---- output files of an asset instance ----
  type IT = { asset_instance_id: string; temporal_entity_id: string }
  app.get<P<{ asset_instance_id: string }> & Q>('/data/asset-instances/:asset_instance_id/output-files', {
    schema: { tags, params: S.InstanceParams, querystring: S.AnyQuery, response: { 200: S.OutputFileList } }, config: { access },
  }, (req) => lists.instanceOutputFiles(createCtx(app, req), req.params.asset_instance_id, req.query))

  const instancePath = '/data/asset-instances/:asset_instance_id/entities/:temporal_entity_id'
  app.post<P<IT> & { Body: S.OutputFilePathBody }>(`${instancePath}/output-file-path`, {
    schema: { tags, params: S.InstanceTemporalParams, body: S.OutputFilePathBody, response: { 200: S.OutputFilePath } },
    config: { access }, preValidation,
  }, (req) => outputs.instanceOutputFilePath(createCtx(app, req), req.params.asset_instance_id, req.params.temporal_entity_id, req.body, req.body))

  app.post<P<IT> & { Body: S.NewOutputFileBody }>(`${instancePath}/output-files/new`, {
    schema: { tags, params: S.InstanceTemporalParams, body: S.NewOutputFileBody, response: { 201: S.NewOutputFile } },
    config: { access }, preValidation,
  }, async (req, reply) => reply.code(201).send(
    await outputs.createInstanceOutputFile(depsOf(app, req), req.params.asset_instance_id, req.params.temporal_entity_id, req.body),
  ))

  app.post<P<IT> & { Body: S.NextRevisionBody }>(`${instancePath}/output-files/next-revision`, {
    schema: { tags, params: S.InstanceTemporalParams, body: S.NextRevisionBody, response: { 200: S.NextRevision } },
    config: { access }, preValidation,
  }, (req) => outputs.instanceNextRevision(createCtx(app, req), req.params.asset_instance_id, req.params.temporal_entity_id, req.body))

  app.get<P<IT> & Q>(`${instancePath}/output-files/last-revisions`, {
    schema: { tags, params: S.InstanceTemporalParams, querystring: S.AnyQuery, response: { 200: S.OutputFileList } }, config: { access },
  }, (req) => lists.instanceLastOutputFiles(createCtx(app, req), req.params.asset_instance_id, req.params.temporal_entity_id, req.query))

  app.get<P<IT>>(`${instancePath}/output-types`, {
    schema: { tags, params: S.InstanceTemporalParams, response: { 200: S.OutputTypeList } }, config: { access },
  }, (req) => lists.instanceOutputTypes(createCtx(app, req), req.params.asset_instance_id, req.params.temporal_entity_id))

  app.get<P<IT & { output_type_id: string }> & Q>(`${instancePath}/output-types/:output_type_id/output-files`, {
    schema: { tags, params: S.InstanceOutputTypeParams, querystring: S.AnyQuery, response: { 200: S.OutputFileList } }, config: { access },
  }, (req) => lists.instanceOutputTypeFiles(
    createCtx(app, req), req.params.asset_instance_id, req.params.temporal_entity_id, req.params.output_type_id, req.query,
  ))

  // ---- file trees ----
  for (const url of ['/data/entities/guess-from-path', '/data/entities/guess_from_path']) {
    app.post<{ Body: S.GuessBody }>(url, {
      schema: { tags, body: S.GuessBody, response: { 200: S.GuessList } }, config: { access }, preValidation,
    }, (req) => guessFromPath(createCtx(app, req), req.body, req.body))
  }

  app.post<P<{ project_id: string }> & { Body: S.SetTreeBody }>('/actions/projects/:project_id/set-file-tree', {
    schema: { tags, params: S.ProjectIdParams, body: S.SetTreeBody, response: { 200: { $ref: 'Project#' } } },
    config: { access }, preValidation,
  }, (req) => setFileTree(depsOf(app, req), req.params.project_id, req.body.tree_name))
}
