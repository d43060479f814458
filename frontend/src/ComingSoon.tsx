import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'

interface Props {
  section: 'candidates' | 'network' | 'labs'
}

// ComingSoon holds a view's place in the navigation, and its URL, until the
// API behind it is ready.
export function ComingSoon({ section }: Props) {
  const { t } = useTranslation()
  const heading = useRef<HTMLHeadingElement>(null)
  const title = t(`nav.${section}`)

  // As on the person page, focus lands on the new view's heading.
  useEffect(() => {
    heading.current?.focus()
  }, [])

  useEffect(() => {
    document.title = t('app.title', { page: title })
  }, [t, title])

  return (
    <section className="coming-soon">
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <p>{t(`soon.${section}`)}</p>
      <p className="status">{t('soon.comingSoon')}</p>
    </section>
  )
}
