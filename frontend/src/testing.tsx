import { act, type ReactNode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, vi } from 'vitest'

// React warns about updates outside act() unless told this is a test.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

// useTestRoot gives each test of the file a fresh React root in a container
// on the page, and after the test unmounts it and undoes stubbed globals
// (fetch), so no test sees another's page or answers.
export function useTestRoot() {
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
      if (!container) throw new Error('useTestRoot: no container outside a test')
      return container
    },
    render: (node: ReactNode) =>
      act(async () => {
        root?.render(node)
      }),
  }
}
