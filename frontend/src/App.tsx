import { useState, type MouseEvent } from 'react'
import { PersonPage } from './PersonPage.tsx'
import { SearchPage } from './SearchPage.tsx'
import { searchHash, useRoute } from './route.ts'

export default function App() {
  const route = useRoute()
  // lastQuery lets the person page link back to the results it came from;
  // the search page keeps it current in the hash as well.
  const [lastQuery, setLastQuery] = useState(route.page === 'search' ? route.q : '')

  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <header className="site-header">
        <a className="brand" href="#/">
          The List
        </a>
        <span className="tagline">who worked where in AI</span>
      </header>
      <main id="main" tabIndex={-1}>
        {route.page === 'person' ? (
          <PersonPage key={route.id} id={route.id} backHref={searchHash(lastQuery)} />
        ) : (
          <SearchPage initialQuery={route.q || lastQuery} onQueryChange={setLastQuery} />
        )}
      </main>
    </>
  )
}

// skipToMain moves focus by hand because "#main" would otherwise be read as
// a route and replace the page.
function skipToMain(e: MouseEvent) {
  e.preventDefault()
  document.getElementById('main')?.focus()
}
