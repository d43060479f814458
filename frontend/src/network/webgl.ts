// webglAvailable tells whether this browser can give sigma a WebGL context
// (a software one, such as Chromium's SwiftShader, will do). It is its own
// module so the page can ask before loading sigma, which needs WebGL2's
// globals as soon as it is imported.
export function webglAvailable(): boolean {
  try {
    if (typeof WebGLRenderingContext === 'undefined') return false
    const canvas = document.createElement('canvas')
    return !!(canvas.getContext('webgl2') ?? canvas.getContext('webgl'))
  } catch {
    return false
  }
}
