/**
 * Scrolling of the message list, wherever it scrolls: in its nearest scrollable ancestor (a
 * middle pane with `overflow-y: auto`) or, when there is none, in the page. Looked up on each
 * call, so a layout that changes with the screen width is followed.
 */
export function createScroller(list) {
  const page = () => document.scrollingElement ?? document.documentElement

  function container() {
    for (let element = list.parentElement; element && element !== document.body;) {
      const { overflowY } = getComputedStyle(element)
      if (overflowY === 'auto' || overflowY === 'scroll') return element
      element = element.parentElement
    }
    return page()
  }

  /** The visible part of the container, in viewport coordinates */
  function viewport() {
    const element = container()
    if (element === page()) return { top: 0, bottom: window.innerHeight }
    const { top, bottom } = element.getBoundingClientRect()
    return { top: Math.max(top, 0), bottom: Math.min(bottom, window.innerHeight) }
  }

  return {
    viewport,

    /** Whether the end of the list is at most `slack` pixels below the visible part */
    isNearBottom(slack = 200) {
      const element = container()
      const visible = element === page() ? window.innerHeight : element.clientHeight
      return element.scrollTop + visible >= element.scrollHeight - slack
    },

    /** Shows the end of the list */
    toBottom() {
      const element = container()
      element.scrollTop = element.scrollHeight
    },

    /** Puts `element` at the top of the visible part (below any sticky header) */
    toElement(element) {
      element.scrollIntoView({ block: 'start' })
    },

    /** Runs `change` (which adds content above) without moving what the reader sees */
    keepPosition(change) {
      const element = container()
      const before = element.scrollHeight
      change()
      element.scrollTop += element.scrollHeight - before
    },

    /** Calls `listener` on every scroll of the list; returns a function that stops it */
    onScroll(listener) {
      const target = container() === page() ? window : container()
      target.addEventListener('scroll', listener, { passive: true })
      return () => target.removeEventListener('scroll', listener)
    },
  }
}
