import { act, type ReactNode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, vi } from 'vitest'

// React warns about updates outside act() unless told this is a test.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

// testRoot gives each test of the file a fresh React root in a container
// on the page, and after the test unmounts it and undoes stubbed globals
// (fetch), so no test sees another's page or answers.
export function testRoot() {
  let container: HTMLDivElement | undefined
  let root: Root | undefined
  beforeEach(() => {
    container = document.createElement('div')
    document.body.append(container)
    root = createRoot(container)
  })
  afterEach(() => {
    act(() => root?.unmount())
    container?.remove()
    vi.unstubAllGlobals()
  })
  return {
    get container(): HTMLDivElement {
      if (!container) throw new Error('testRoot: no container outside a test')
      return container
    },
    render: (node: ReactNode) =>
      act(async () => {
        root?.render(node)
      }),
  }
}

// settle lets React commit and the page's pending timers and promises run,
// for ms milliseconds.
export async function settle(ms = 0) {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms))
  })
}

// waitFor polls find until it returns something, settling between tries,
// and fails naming what it waited for.
export async function waitFor<T>(find: () => T | null | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const got = find()
    if (got) return got
    await settle(20)
  }
  throw new Error(`timed out waiting for ${what}`)
}
