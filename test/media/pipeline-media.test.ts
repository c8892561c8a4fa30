// The media helpers of the preview pipeline without the HTTP layer: Radiance decoding, movie
// target geometry, glTF facts (embedded .gltf, world transforms), content sniffing.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { Document, NodeIO } from '@gltf-transform/core'
import { decodeRadiance, RadianceError } from '../../src/media/radiance.ts'
import { fitFilter, type SourceInfo } from '../../src/media/normalize.ts'
import { parseFps, targetSize } from '../../src/services/previews/movies.ts'
import { readModelStats } from '../../src/media/gltf.ts'
import { pictureFormat, probeMovie } from '../../src/media/sniff.ts'
import { splitName } from '../../src/services/previews/kinds.ts'
import { bombPng, radianceHdr, scratch } from '../http/previews-upload/helpers.ts'

const src = (w: number, h: number, displayWidth = w): SourceInfo => ({ width: w, height: h, displayWidth, duration: 2, hasAudio: false, fps: 25 })

describe('radiance', () => {
  it('decodes run-length scanlines, tone-maps, and samples big pictures down', () => {
    const { width, height, rgb } = decodeRadiance(radianceHdr(64, 32), 1e9)
    expect([width, height, rgb.length]).toEqual([64, 32, 64 * 32 * 3])
    // Row 0: RGBE (40, 80, 200, 129) → blue brightest; the values are the same along the row.
    expect(rgb[2]).toBeGreaterThan(rgb[1])
    expect(rgb[1]).toBeGreaterThan(rgb[0])
    expect([...rgb.subarray(0, 3)]).toEqual([...rgb.subarray(63 * 3, 64 * 3)])
    expect(decodeRadiance(radianceHdr(64, 32), 1e9, 16).width).toBe(16)
  })

  it('refuses other content, truncated data and pictures above the pixel cap', () => {
    expect(() => decodeRadiance(Buffer.from('hello\n'), 1e9)).toThrow(RadianceError)
    const hdr = radianceHdr(64, 32)
    expect(() => decodeRadiance(hdr.subarray(0, hdr.length - 20), 1e9)).toThrow(/truncated/)
    expect(() => decodeRadiance(hdr, 100)).toThrow(/too large/)
  })
})

describe('movie geometry', () => {
  it('fps: entity, then project, commas as dots, 3 decimals', () => {
    expect(parseFps('23,976')).toBe(23.976)
    expect(parseFps('29.97002')).toBe(29.97)
    expect([parseFps(''), parseFps('abc'), parseFps('-5'), parseFps(null)]).toEqual([null, null, null, null])
  })

  it('resolution: entity WxH, else project WxH or xH (width from the ratio), else 1080 high; even', () => {
    expect(targetSize(src(320, 240), '1001x501', '1920x1080')).toEqual({ width: 1002, height: 502 })
    expect(targetSize(src(320, 240), 'huge', '1280x720')).toEqual({ width: 1280, height: 720 })
    expect(targetSize(src(320, 240), null, 'x721')).toEqual({ width: 962, height: 722 })
    expect(targetSize(src(1920, 800), null, null)).toEqual({ width: 2592, height: 1080 })
  })

  it('fits inside the canvas with bars, de-anamorphosing first', () => {
    expect(fitFilter(src(320, 240), { width: 1280, height: 720, fps: 25, bitrate: '6M' }))
      .toBe('scale=960:720,setsar=1,pad=1280:720:(ow-iw)/2:(oh-ih)/2:black,fps=25')
    // 720x576 with 16:11 pixels displays 1047 wide.
    expect(fitFilter(src(720, 576, 1047), { width: 1920, height: 1080, fps: 25, bitrate: '28M' }))
      .toBe('scale=1920:1056,setsar=1,pad=1920:1080:(ow-iw)/2:(oh-ih)/2:black,fps=25')
  })
})

describe('glTF facts', () => {
  it('reads an embedded .gltf: triangles of a strip, raw bounds of a mesh used by no node', async () => {
    const doc = new Document()
    doc.createBuffer()
    const position = doc.createAccessor().setType('VEC3').setArray(new Float32Array([0, 0, 0, 1, 0, 0, 0, 2, 0, 1, 2, 3]))
    doc.createMesh('strip').addPrimitive(doc.createPrimitive().setAttribute('POSITION', position).setMode(5))
    const { json, resources } = await new NodeIO().writeJSON(doc, { format: 0 as never })
    const uri = Object.keys(resources)[0]
    json.buffers![0].uri = `data:application/octet-stream;base64,${Buffer.from(resources[uri]).toString('base64')}`
    const path = join(scratch(), 'strip.gltf')
    writeFileSync(path, JSON.stringify(json))
    expect(await readModelStats(path, 'gltf')).toEqual({
      bounding_box: { min: [0, 0, 0], max: [1, 2, 3] }, triangle_count: 2, mesh_count: 1, material_count: 0,
    })
  })
})

describe('sniffing', () => {
  it('pictures by magic bytes; a PNG is not a movie', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer()
    const jpg = await sharp(png).jpeg().toBuffer()
    expect([pictureFormat(png), pictureFormat(jpg), pictureFormat(Buffer.from('GIF89a'))]).toEqual(['png', 'jpeg', null])
    expect(pictureFormat(bombPng())).toBe('png')
    const path = join(scratch(), 'fake.mp4')
    writeFileSync(path, png)
    expect(await probeMovie(path)).toMatchObject({ reason: expect.stringMatching(/not a movie|no video/) })
  })

  it('file names: base name only, extension lower-cased', () => {
    expect(splitName('../../a/b\\Shot 01.v2.MOV')).toEqual({ name: 'Shot 01.v2', extension: 'mov' })
    expect(splitName('README')).toEqual({ name: 'README', extension: '' })
  })
})
