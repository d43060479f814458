// band.ts is the edge program of the network view: a straight band per
// edge, the picture of sigma's own "line" program (its rectangles), drawn
// with one WebGL call for all the edges instead of one instance per edge.
//
// Why: as for nodes (disc.ts), sigma 3 draws edges instanced, and software
// WebGL (SwiftShader) pays a draw call's set-up per instance. Edges are
// hidden while the camera moves, but every picture at rest (the end of a
// drag, a selection, a hover) draws all of them: about 150 ms a redraw for
// 9,900 edges in headless Chromium (BENCHMARKS.md, Frontend). Here each
// edge writes the six corners of its two triangles itself.
import type { Attributes } from 'graphology-types'
import { EdgeProgram } from 'sigma/rendering'
import type { EdgeDisplayData, NodeDisplayData, RenderParams } from 'sigma/types'
import { floatColor } from 'sigma/utils'

// The band's corners: [at the target end?, on the normal's side (1) or the
// other (-1)], two triangles.
const corners: [number, number][] = [
  [0, 1],
  [0, -1],
  [1, 1],
  [1, 1],
  [0, -1],
  [1, -1],
]

// The vertex shader moves a corner off the edge's line by half the band's
// width along the normal. a_normal is the unit normal times the edge's size
// and the corner's side; the width on screen is that size in pixels, never
// under u_minEdgeThickness, through the camera's correction ratio.
const vertexShader = /* glsl */ `
attribute vec2 a_position;
attribute vec2 a_normal;
attribute vec4 a_color;
attribute vec4 a_id;

uniform mat3 u_matrix;
uniform float u_sizeRatio;
uniform float u_zoomRatio;
uniform float u_pixelRatio;
uniform float u_correctionRatio;
uniform float u_minEdgeThickness;
uniform float u_feather;

varying vec4 v_color;
varying vec2 v_normal;
varying float v_thickness;
varying float v_feather;

void main() {
  float size = length(a_normal);
  vec2 unit = size > 0.0 ? a_normal / size : vec2(0.0);
  float pixels = max(size, u_minEdgeThickness * u_sizeRatio);
  float half_width = pixels * u_correctionRatio / u_sizeRatio;
  gl_Position = vec4((u_matrix * vec3(a_position + unit * half_width, 1.0)).xy, 0.0, 1.0);
  // Across the band v_normal goes from one unit normal to its opposite:
  // its length is the distance from the middle, in half-widths.
  v_normal = unit;
  v_thickness = half_width / u_zoomRatio;
  v_feather = 2.0 * u_feather * u_correctionRatio / u_zoomRatio / u_pixelRatio;
  #ifdef PICKING_MODE
  v_color = a_id;
  #else
  v_color = a_color;
  #endif
  // floatColor keeps the alpha byte even (opaque is 254): opaque again.
  v_color.a *= 255.0 / 254.0;
}
`

// The fragment shader fades the band's two sides over the feather.
const fragmentShader = /* glsl */ `
precision mediump float;

varying vec4 v_color;
varying vec2 v_normal;
varying float v_thickness;
varying float v_feather;

void main() {
  #ifdef PICKING_MODE
  gl_FragColor = v_color;
  #else
  float d = length(v_normal) * v_thickness;
  gl_FragColor = v_color * (1.0 - smoothstep(v_thickness - v_feather, v_thickness, d));
  #endif
}
`

const uniforms = ['u_matrix', 'u_sizeRatio', 'u_zoomRatio', 'u_pixelRatio', 'u_correctionRatio', 'u_minEdgeThickness', 'u_feather'] as const
const { FLOAT, UNSIGNED_BYTE } = WebGLRenderingContext

export class EdgeBandProgram<N extends Attributes = Attributes, E extends Attributes = Attributes, G extends Attributes = Attributes> extends EdgeProgram<
  (typeof uniforms)[number],
  N,
  E,
  G
> {
  getDefinition() {
    // No CONSTANT_ATTRIBUTES: that is what makes sigma draw it instanced.
    return {
      VERTICES: corners.length,
      VERTEX_SHADER_SOURCE: vertexShader,
      FRAGMENT_SHADER_SOURCE: fragmentShader,
      METHOD: WebGLRenderingContext.TRIANGLES,
      UNIFORMS: uniforms,
      ATTRIBUTES: [
        { name: 'a_position', size: 2, type: FLOAT },
        { name: 'a_normal', size: 2, type: FLOAT },
        { name: 'a_color', size: 4, type: UNSIGNED_BYTE, normalized: true },
        { name: 'a_id', size: 4, type: UNSIGNED_BYTE, normalized: true },
      ],
    }
  }

  processVisibleItem(edgeIndex: number, start: number, source: NodeDisplayData, target: NodeDisplayData, data: EdgeDisplayData) {
    const size = data.size || 1
    const dx = target.x - source.x
    const dy = target.y - source.y
    const length = Math.hypot(dx, dy)
    // The unit normal times the size; none for an edge of no length.
    const nx = length ? (-dy / length) * size : 0
    const ny = length ? (dx / length) * size : 0
    const color = floatColor(data.color)
    let i = start
    for (const [end, side] of corners) {
      this.array[i++] = end ? target.x : source.x
      this.array[i++] = end ? target.y : source.y
      this.array[i++] = nx * side
      this.array[i++] = ny * side
      this.array[i++] = color
      this.array[i++] = edgeIndex
    }
  }

  setUniforms(params: RenderParams, { gl, uniformLocations }: { gl: WebGLRenderingContext; uniformLocations: Record<string, WebGLUniformLocation> }) {
    gl.uniformMatrix3fv(uniformLocations.u_matrix!, false, params.matrix)
    gl.uniform1f(uniformLocations.u_sizeRatio!, params.sizeRatio)
    gl.uniform1f(uniformLocations.u_zoomRatio!, params.zoomRatio)
    gl.uniform1f(uniformLocations.u_pixelRatio!, params.pixelRatio)
    gl.uniform1f(uniformLocations.u_correctionRatio!, params.correctionRatio)
    gl.uniform1f(uniformLocations.u_minEdgeThickness!, params.minEdgeThickness)
    gl.uniform1f(uniformLocations.u_feather!, params.antiAliasingFeather)
  }
}
