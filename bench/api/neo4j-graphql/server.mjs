// The @neo4j/graphql side of the API benchmark (bench/api, BENCHMARKS.md):
// the same Neo4j graph served through @neo4j/graphql, the standard GraphQL
// layer for Neo4j, with type definitions equivalent to The List's for the
// reads of the benchmark's mix.
//
// Three reads go through @neo4j/graphql's own translation, from these type
// definitions and its generated filters (the documents and variables are in
// bench/api/native.go):
//
// - The person page: Person, Lab and Source nodes, stints (WORKED_AT) and
//   degrees (STUDIED_AT) as relationships with properties, read through
//   connections. A record's sources are stored as a list of Source ids,
//   which @neo4j/graphql cannot follow as a relationship, so they are
//   @cypher fields.
// - The credential filter: peopleConnection with a `where` of relationship
//   filters (worked at the lab or a part of it; at least 2 of 3 credentials
//   as an OR of ANDs of degreesConnection, stints and papers `some`
//   filters), sorted by name then id, `first: 20`, totalCount, and each
//   credential's evidence as the same relationships filtered, sorted and
//   capped at 10; citations as a papersConnection aggregate. Lab parts are
//   followed through PART_OF nested 3 deep, the graph's depth (ours: any
//   depth); the AI fields are the graph's PhD fields that meet the rule,
//   listed by the client (the filters cannot normalise and match words).
// - The recruitment chains: recruitedBy and recruited (RECRUITED, with its
//   properties) nested three levels up and down. Filters compare a hop with
//   a value, not with the hop before it, so the date-order rule (A recruited
//   B, who later recruited C) is the client's: bench/api drops the hops out
//   of order from the tree before comparing.
//
// The other three have no equivalent in @neo4j/graphql's filters and
// selections: alumni (who left a lab in a window, where they went, and
// clusters of those who moved together), the path (a shortest path over
// chosen kinds, with the overlap rules of shared labs) and the neighbourhood
// (the nearest 199 nodes over 16 relationship types and six kinds, in one
// order across them, and every relationship among them, which nested
// selections can only reach by reading every neighbour's relationships). They
// are @cypher fields on Query, with the very statement The List sends for
// them (bench/api writes them to the file named by STATEMENTS), returning
// the statement's row as one JSON value, which is what @neo4j/graphql's
// users do for such reads. That asks @neo4j/graphql for less work than a
// typed answer would, so it flatters it, if anything.
//
// env: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, PORT, STATEMENTS.
import { readFileSync } from 'node:fs'
import { ApolloServer } from '@apollo/server'
import { startStandaloneServer } from '@apollo/server/standalone'
import { Neo4jGraphQL } from '@neo4j/graphql'
import { GraphQLScalarType } from 'graphql'
import neo4j from 'neo4j-driver'

const statements = JSON.parse(readFileSync(process.env.STATEMENTS, 'utf8'))

// plain turns the driver's values into JSON: integers to numbers, dates to
// their ISO text, nodes to their properties.
function plain(v) {
  if (v === null || v === undefined) return null
  if (neo4j.isInt(v)) return v.toNumber()
  if (Array.isArray(v)) return v.map(plain)
  if (neo4j.isDate(v) || neo4j.isDateTime(v) || neo4j.isLocalDateTime(v) || neo4j.isDuration(v)) return v.toString()
  if (typeof v === 'object') {
    if (v.properties && v.labels) return plain(v.properties)
    const out = {}
    for (const [k, x] of Object.entries(v)) out[k] = plain(x)
    return out
  }
  return v
}

const JSON_ = new GraphQLScalarType({
  name: 'JSON',
  description: 'A row of a Cypher statement, as JSON.',
  serialize: plain,
  parseValue: (v) => v,
})

const block = (s) => '"""' + s.replaceAll('"""', '\\"""') + '"""'

const cypherFields = statements
  .map((f) => {
    const args = f.args.map((a) => `${a.name}: ${a.type}`).join(', ')
    return `  ${f.name}(${args}): JSON @cypher(statement: ${block(f.statement)}, columnName: "result")`
  })
  .join('\n')

const typeDefs = /* GraphQL */ `
scalar JSON

type Source @node {
  id: ID!
  publisher: String!
  title: String!
  date: Date
  url: String
  note: String
}

type Lab @node {
  id: ID!
  name: String!
  kind: String!
  country: String
  topLab: Boolean
  "The lab this one is part of (a team of a company, a company of a group)."
  partOf: [Lab!]! @relationship(type: "PART_OF", direction: OUT)
}

type Paper @node {
  id: ID!
  title: String
  year: Int
  venue: String
  citations: Int
  breakthrough: Boolean
  topics: [String!]
}

type Stint @relationshipProperties {
  id: ID!
  role: String
  start: Date
  startPrecision: String
  end: Date
  endPrecision: String
  confidence: String
  note: String
  sources: [String!]
}

type Degree @relationshipProperties {
  id: ID!
  degree: String!
  field: String
  start: Date
  end: Date
  completed: Boolean
  sources: [String!]
}

type Recruitment @relationshipProperties {
  id: ID!
  date: Date
  datePrecision: String
  inferred: Boolean
  confidence: String
  note: String
  toLabId: String
}

type Person @node {
  id: ID!
  name: String!
  nativeName: String
  stints: [Lab!]! @relationship(type: "WORKED_AT", direction: OUT, properties: "Stint")
  degrees: [Lab!]! @relationship(type: "STUDIED_AT", direction: OUT, properties: "Degree")
  papers: [Paper!]! @relationship(type: "AUTHORED", direction: OUT)
  recruitedBy: [Person!]! @relationship(type: "RECRUITED", direction: IN, properties: "Recruitment")
  recruited: [Person!]! @relationship(type: "RECRUITED", direction: OUT, properties: "Recruitment")
  sources: [Source!]!
    @cypher(statement: "MATCH (s:Source) WHERE s.id IN this.sources RETURN s ORDER BY s.id", columnName: "s")
  "The sources of the person's stints and degrees, which the graph stores as ids."
  recordSources: [Source!]!
    @cypher(
      statement: "MATCH (this)-[r:WORKED_AT|STUDIED_AT]->(:Lab) UNWIND r.sources AS sid MATCH (s:Source {id: sid}) RETURN DISTINCT s ORDER BY s.id"
      columnName: "s"
    )
}

type Query {
${cypherFields}
}
`

const driver = neo4j.driver(
  process.env.NEO4J_URI,
  neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD),
)
const neoSchema = new Neo4jGraphQL({ typeDefs, driver, resolvers: { JSON: JSON_ } })
const schema = await neoSchema.getSchema()
const server = new ApolloServer({ schema, csrfPrevention: false })
const port = Number(process.env.PORT ?? 4000)
const { url } = await startStandaloneServer(server, {
  listen: { port, host: '127.0.0.1' },
  context: async () => ({ sessionConfig: { database: 'neo4j' } }),
})
// The benchmark waits for a GET of { __typename } to answer 200.
console.log(`@neo4j/graphql serving at ${url}`)
