import type { JSX } from 'solid-js'
import { isPlainClick, navigate } from '../lib/router'

/** An in-app link: a real <a href> (new tab and copy still work) that the router handles. */
export function Link(props: {
  href: string
  class?: string
  children: JSX.Element
  'aria-current'?: 'page'
}) {
  return (
    <a
      href={props.href}
      class={props.class}
      aria-current={props['aria-current']}
      onClick={(e) => {
        if (!isPlainClick(e)) return
        e.preventDefault()
        navigate(props.href)
      }}
    >
      {props.children}
    </a>
  )
}
