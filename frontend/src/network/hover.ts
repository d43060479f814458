// hover.ts is kept apart from renderer.ts, which imports sigma and so needs
// WebGL, so that the unit tests can run it in jsdom.

// HoverCaptor is the part of sigma's mouse captor that hover picking uses.
export interface HoverCaptor {
  on(type: 'mousedown' | 'mouseup', listener: () => void): unknown
  on(type: 'mousemove', listener: (e: never) => void): unknown
  listeners(type: 'mousemove'): ((e: never) => void)[]
  removeListener(type: 'mousemove', listener: (e: never) => void): unknown
}

// pauseHoverWhileDragging stops sigma looking for the node under the
// pointer while a mouse button is down. That look-up reads a pixel back from
// WebGL, which waits for the frame being drawn: dragging 5,000 nodes in
// software WebGL let through 2–3 mouse moves a second (BENCHMARKS.md,
// Frontend). A drag pans the camera and hovers nothing, so sigma's mousemove
// listeners are detached on mousedown and put back on mouseup.
export function pauseHoverWhileDragging(captor: HoverCaptor) {
  let paused: ((e: never) => void)[] = []
  captor.on('mousedown', () => {
    // A second button pressed mid-drag must not lose what is paused.
    if (paused.length > 0) return
    paused = captor.listeners('mousemove')
    for (const l of paused) captor.removeListener('mousemove', l)
  })
  captor.on('mouseup', () => {
    for (const l of paused) captor.on('mousemove', l)
    paused = []
  })
}
