import { lazy, Suspense, useEffect, useState, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import i18n, { chooseLang, currentLang, defaultLang, htmlLang, langFromHash, languageNames, languages, storedLang, type Lang } from './i18n.ts'
import { PersonPage } from './PersonPage.tsx'
import { SearchPage } from './SearchPage.tsx'
import { hashWithLang, searchHash, section, sectionHash, useRoute, type Route, type Section } from './route.ts'
import { ApiKeyControl } from './shortlists/ApiKeyControl.tsx'
import { ViewBoundary } from './ViewBoundary.tsx'

// The views still to come are their own chunks, so the search page, which
// most visits start on, does not load them.
const CandidatesPage = lazy(() => import('./candidates/CandidatesPage.tsx'))
const NetworkPage = lazy(() => import('./network/NetworkPage.tsx'))
const LabsPage = lazy(() => import('./LabsPage.tsx'))
const LabPage = lazy(() => import('./lab/LabPage.tsx'))
const ShortlistsPage = lazy(() => import('./shortlists/ShortlistsPage.tsx'))
const ShortlistPage = lazy(() => import('./shortlists/ShortlistPage.tsx'))
const RecruitmentPage = lazy(() => import('./recruitment/RecruitmentPage.tsx'))

const sections: Section[] = ['search', 'candidates', 'network', 'labs', 'shortlists']

export default function App() {
  const { t } = useTranslation()
  const lang = currentLang()
  const route = useRoute()
  // lastQuery lets the person page link back to the results it came from;
  // the search page keeps it current in the hash as well.
  const [lastQuery, setLastQuery] = useState(route.page === 'search' ? route.q : '')
  useLangInUrl(lang)

  const current = section(route)
  const hrefOf = (s: Section) => (s === 'search' ? searchHash(lastQuery, lang) : sectionHash(s, lang))

  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="brand-block">
          <a className="brand" href={searchHash('', lang)} translate="no">
            {t('app.name')}
          </a>
          <span className="tagline">{t('app.tagline')}</span>
        </div>
        <nav className="primary-nav" aria-label={t('app.mainNav')}>
          <ul>
            {sections.map((s) => (
              <li key={s}>
                <a href={hrefOf(s)} aria-current={s === current ? 'page' : undefined}>
                  {t(`nav.${s}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          <ApiKeyControl />
          <LanguageSwitch lang={lang} />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <ViewBoundary key={route.page}>
          <Suspense
            fallback={
              <p className="status" role="status">
                {t('app.loadingView')}
              </p>
            }
          >
            <View route={route} lastQuery={lastQuery} onQueryChange={setLastQuery} />
          </Suspense>
        </ViewBoundary>
      </main>
    </>
  )
}

interface ViewProps {
  route: Route
  lastQuery: string
  onQueryChange: (q: string) => void
}

function View({ route, lastQuery, onQueryChange }: ViewProps) {
  switch (route.page) {
    case 'person':
      return <PersonPage key={route.id} id={route.id} backHref={searchHash(lastQuery, currentLang())} />
    case 'search':
      return <SearchPage initialQuery={route.q || lastQuery} onQueryChange={onQueryChange} />
    case 'candidates':
      return <CandidatesPage />
    case 'network':
      return <NetworkPage />
    case 'labs':
      return <LabsPage />
    case 'lab':
      return <LabPage key={route.id} route={route} />
    case 'shortlists':
      return <ShortlistsPage />
    case 'shortlist':
      return <ShortlistPage key={route.id} id={route.id} />
    case 'recruitment':
      return <RecruitmentPage key={route.id} id={route.id} depth={route.depth} />
  }
}

// LanguageSwitch names each language in itself, marked with its own lang so
// a screen reader pronounces it right; aria-pressed tells which is shown.
function LanguageSwitch({ lang }: { lang: Lang }) {
  const { t } = useTranslation()
  return (
    <div className="lang-switch" role="group" aria-label={t('app.language')}>
      {languages.map((l) => (
        <button key={l} type="button" lang={htmlLang[l]} aria-pressed={l === lang} onClick={() => void chooseLang(l)}>
          {languageNames[l]}
        </button>
      ))}
    </div>
  )
}

// useLangInUrl keeps the language and the hash in step both ways: a hash
// that names a language (a shared link, Back, an edited URL) switches to it,
// and the hash always names the language shown unless it is the default, so
// copying the URL shares the view as seen. Rewriting the hash uses
// replaceState: switching language is not a step Back should undo.
function useLangInUrl(lang: Lang) {
  useEffect(() => {
    const want = (lang === defaultLang ? null : lang) satisfies Lang | null
    if (langFromHash(window.location.hash) !== want) {
      window.history.replaceState(window.history.state, '', hashWithLang(window.location.hash, lang))
    }
  }, [lang])

  useEffect(() => {
    const onChange = () => {
      const l = langFromHash(window.location.hash) ?? storedLang() ?? defaultLang
      if (l !== currentLang()) void i18n.changeLanguage(l)
      else if (langFromHash(window.location.hash) !== (l === defaultLang ? null : l)) {
        window.history.replaceState(window.history.state, '', hashWithLang(window.location.hash, l))
      }
    }
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
}

// skipToMain moves focus by hand because "#main" would otherwise be read as
// a route and replace the page.
function skipToMain(e: MouseEvent) {
  e.preventDefault()
  document.getElementById('main')?.focus()
}
