import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { NodeDisplayData } from 'sigma/types'

// sigma's programs read WebGL's constants when they are imported, which
// jsdom does not have: the few they use are given here.
const gl = { BOOL: 0x8b56, BYTE: 0x1400, UNSIGNED_BYTE: 0x1401, SHORT: 0x1402, UNSIGNED_SHORT: 0x1403, INT: 0x1404, UNSIGNED_INT: 0x1405, FLOAT: 0x1406, POINTS: 0, LINES: 1, TRIANGLES: 4 }

describe('the disc node program', () => {
  let Disc: typeof import('./disc.ts').NodeDiscProgram
  beforeAll(async () => {
    vi.stubGlobal('WebGLRenderingContext', gl)
    vi.stubGlobal('WebGL2RenderingContext', gl)
    Disc = (await import('./disc.ts')).NodeDiscProgram
  })

  it('is drawn as one plain call, not one instance per node', () => {
    const def = Disc.prototype.getDefinition.call(null)
    // sigma draws a program instanced exactly when it has constant attributes.
    expect('CONSTANT_ATTRIBUTES' in def).toBe(false)
    expect(def.METHOD).toBe(gl.TRIANGLES)
    expect(def.VERTICES).toBe(3)
  })

  it('writes the three corners of each node, each with its place, size, colour and id', () => {
    const stride = 6
    const program = { array: new Float32Array(3 * stride) }
    const data = { x: 0.25, y: 0.75, size: 6, color: '#ff0000' } as NodeDisplayData
    Disc.prototype.processVisibleItem.call(program, 42, 0, data)
    const corners = [0, 1, 2].map((v) => Array.from(program.array.slice(v * stride, (v + 1) * stride)))
    for (const c of corners) {
      expect(c[0]).toBeCloseTo(0.25)
      expect(c[1]).toBeCloseTo(0.75)
      expect(c[2]).toBe(6)
      expect(c[4]).toBe(42)
    }
    expect(corners.map((c) => c[5])).toEqual([0, Math.fround((2 * Math.PI) / 3), Math.fround((4 * Math.PI) / 3)])
  })
})

describe('the band edge program', () => {
  let Band: typeof import('./band.ts').EdgeBandProgram
  beforeAll(async () => {
    vi.stubGlobal('WebGLRenderingContext', gl)
    vi.stubGlobal('WebGL2RenderingContext', gl)
    Band = (await import('./band.ts')).EdgeBandProgram
  })

  it('is drawn as one plain call, not one instance per edge', () => {
    const def = Band.prototype.getDefinition.call(null)
    expect('CONSTANT_ATTRIBUTES' in def).toBe(false)
    expect(def.METHOD).toBe(gl.TRIANGLES)
    expect(def.VERTICES).toBe(6)
  })

  it('writes two triangles whose corners lie off either end by the normal times the size', () => {
    const stride = 6
    const program = { array: new Float32Array(6 * stride) }
    const node = (x: number, y: number) => ({ x, y }) as NodeDisplayData
    Band.prototype.processVisibleItem.call(program, 7, 0, node(0, 0), node(2, 0), { size: 3, color: '#000000' } as never)
    // (+ 0 makes a -0 a 0.)
    const corners = [0, 1, 2, 3, 4, 5].map((v) => Array.from(program.array.slice(v * stride, (v + 1) * stride), (x) => x + 0))
    // Along x, so the normal is ±y, as long as the size.
    expect(corners.map((c) => [c[0], c[1], c[2], c[3]])).toEqual([
      [0, 0, 0, 3],
      [0, 0, 0, -3],
      [2, 0, 0, 3],
      [2, 0, 0, 3],
      [0, 0, 0, -3],
      [2, 0, 0, -3],
    ])
    for (const c of corners) expect(c[5]).toBe(7)
  })

  it('gives an edge of no length no normal, not a division by zero', () => {
    const program = { array: new Float32Array(36) }
    const node = { x: 1, y: 1 } as NodeDisplayData
    Band.prototype.processVisibleItem.call(program, 1, 0, node, node, { size: 1, color: '#000000' } as never)
    expect(Array.from(program.array).every(Number.isFinite)).toBe(true)
  })
})
