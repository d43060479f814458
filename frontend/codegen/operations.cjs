// operations is a graphql-codegen plugin that pairs each operation's file
// with the types typescript-operations made for it: for GetPerson.graphql it
// writes `export const GetPerson: Operation<GetPersonQuery,
// GetPersonQueryVariables>`, whose text is the file and the shared fragments
// it spreads (withFragments), byte for byte what frontend.Operation gives
// the Go side. Views never pair a document with a type by hand.
const path = require('node:path')

function typeName(op) {
  const kind = op.operation === 'mutation' ? 'Mutation' : op.operation === 'subscription' ? 'Subscription' : 'Query'
  return `${op.name.value}${kind}`
}

module.exports = {
  plugin(_schema, documents) {
    const imports = ["import { operation, type Operation } from './operation.ts'"]
    const lines = []
    const sorted = [...documents].sort((a, b) => path.basename(a.location) < path.basename(b.location) ? -1 : 1)
    for (const doc of sorted) {
      const file = path.basename(doc.location)
      for (const def of doc.document.definitions) {
        if (def.kind !== 'OperationDefinition' || !def.name) continue
        const name = def.name.value
        if (`${name}.graphql` !== file) throw new Error(`${file}: operation ${name} must live in ${name}.graphql`)
        const t = typeName(def)
        imports.push(`import ${name}Text from './${file}?raw'`)
        lines.push(`export const ${name}Document: Operation<${t}, ${t}Variables> = operation(${name}Text)`)
      }
    }
    return { prepend: imports, content: lines.join('\n') + '\n' }
  },
}
