// The GraphiQL page: a second Vite entry (graphiql.html), so the editor and
// its Monaco workers load only for people who open /graphql in a browser,
// never with the main app.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { GraphiQL } from 'graphiql'
import type { ExecutionResult } from 'graphql'
import 'graphiql/setup-workers/vite'
import 'graphiql/style.css'
// The page's own layout is a stylesheet, not a <style> in graphiql.html:
// the server's Content-Security-Policy (api/http.go) keeps pages to what
// it serves as files.
import './graphiql.css'

type Params = { query: string; variables?: unknown; operationName?: string | null }
type Options = { headers?: Record<string, unknown> }

// fetcher posts to /graphql as the GraphQL-over-HTTP spec describes. The
// headers GraphiQL's header editor holds (an Authorization: Bearer key for
// writes) are sent along.
async function fetcher(params: Params, opts?: Options): Promise<ExecutionResult> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/graphql-response+json, application/json;q=0.9',
  }
  for (const [k, v] of Object.entries(opts?.headers ?? {})) {
    if (typeof v === 'string') headers[k] = v
  }
  const res = await fetch('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify(params),
  })
  return (await res.json()) as ExecutionResult
}

const defaultQuery = `# The List's GraphQL API. The schema is in the docs panel on the left,
# and as SDL at /graphql/schema.graphql.
{
  search(query: "deitke") {
    kind
    person { id name nativeName }
    lab { id name }
  }
}
`

createRoot(document.getElementById('graphiql') as HTMLElement).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} />
  </StrictMode>,
)
