// disc.ts is the node program of the network view: a disc per node, the
// picture of sigma's own "circle" program, drawn with one WebGL call for all
// the nodes instead of one instance per node.
//
// Why: sigma 3's circle program is instanced (a triangle of three constant
// corners, repeated per node). A browser without a GPU runs WebGL in
// SwiftShader, which draws an instanced call one instance at a time, each
// with the set-up cost of a whole draw call: 5,000 nodes, drawn twice a
// frame (the picture and sigma's picking layer), kept the GPU process busy
// about 40 ms a frame and panning under 20 frames/s (BENCHMARKS.md,
// Frontend). Here every node writes its three corners itself, so the node
// layer is a single plain draw call; on a GPU both cost the same.
import type { Attributes } from 'graphology-types'
import { NodeProgram } from 'sigma/rendering'
import type { NodeDisplayData, RenderParams } from 'sigma/types'
import { floatColor } from 'sigma/utils'

// The three corners of the triangle around each disc, as angles.
const corners = [0, (2 * Math.PI) / 3, (4 * Math.PI) / 3]

// The vertex shader places one corner of a node's triangle. The disc has
// the radius sigma gives a node of that size (its size in pixels, through
// the camera's correction ratio); an equilateral triangle holds a disc of
// half its corners' distance from the centre.
const vertexShader = /* glsl */ `
attribute vec2 a_position;
attribute float a_size;
attribute vec4 a_color;
attribute vec4 a_id;
attribute float a_corner;

uniform mat3 u_matrix;
uniform float u_sizeRatio;
uniform float u_correctionRatio;

varying vec4 v_color;
varying vec2 v_offset;
varying float v_radius;

void main() {
  float radius = 2.0 * a_size * u_correctionRatio / u_sizeRatio;
  vec2 offset = 2.0 * radius * vec2(cos(a_corner), sin(a_corner));
  gl_Position = vec4((u_matrix * vec3(a_position + offset, 1.0)).xy, 0.0, 1.0);
  v_offset = offset;
  v_radius = radius;
  #ifdef PICKING_MODE
  v_color = a_id;
  #else
  v_color = a_color;
  #endif
  // floatColor keeps the alpha byte even (an opaque colour is 254), so
  // that the packed float is never a NaN: this makes it opaque again.
  v_color.a *= 255.0 / 254.0;
}
`

// The fragment shader fills the disc, its rim faded over about a pixel;
// the picking layer (sigma reads a node's id back from it) has a hard rim,
// so that no blended id is read as another node.
const fragmentShader = /* glsl */ `
precision highp float;

varying vec4 v_color;
varying vec2 v_offset;
varying float v_radius;

uniform float u_correctionRatio;

void main() {
  float d = length(v_offset);
  #ifdef PICKING_MODE
  gl_FragColor = d <= v_radius ? v_color : vec4(0.0);
  #else
  float rim = 2.0 * u_correctionRatio;
  gl_FragColor = v_color * clamp((v_radius - d) / rim, 0.0, 1.0);
  #endif
}
`

const uniforms = ['u_matrix', 'u_sizeRatio', 'u_correctionRatio'] as const
const { FLOAT, UNSIGNED_BYTE } = WebGLRenderingContext

export class NodeDiscProgram<N extends Attributes = Attributes, E extends Attributes = Attributes, G extends Attributes = Attributes> extends NodeProgram<
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
        { name: 'a_size', size: 1, type: FLOAT },
        { name: 'a_color', size: 4, type: UNSIGNED_BYTE, normalized: true },
        { name: 'a_id', size: 4, type: UNSIGNED_BYTE, normalized: true },
        { name: 'a_corner', size: 1, type: FLOAT },
      ],
    }
  }

  processVisibleItem(nodeIndex: number, start: number, data: NodeDisplayData) {
    const color = floatColor(data.color)
    let i = start
    for (const corner of corners) {
      this.array[i++] = data.x
      this.array[i++] = data.y
      this.array[i++] = data.size
      this.array[i++] = color
      this.array[i++] = nodeIndex
      this.array[i++] = corner
    }
  }

  setUniforms(params: RenderParams, { gl, uniformLocations }: { gl: WebGLRenderingContext; uniformLocations: Record<string, WebGLUniformLocation> }) {
    gl.uniformMatrix3fv(uniformLocations.u_matrix!, false, params.matrix)
    gl.uniform1f(uniformLocations.u_sizeRatio!, params.sizeRatio)
    gl.uniform1f(uniformLocations.u_correctionRatio!, params.correctionRatio)
  }
}
