/** Registers custom search attributes on a running Temporal cluster, idempotently. */
import { isGrpcServiceError, type Connection } from '@temporalio/client'
// Default import: @temporalio/proto is CommonJS, and Node's ESM loader (tsx, `npm start`) cannot
// see its named exports; `import { temporal }` only works under bundlers such as vitest.
import proto, { type temporal } from '@temporalio/proto'

/** Search attribute types, spelled as the Temporal CLI spells them (`--search-attribute Name=Keyword`). */
export type SearchAttributeType = 'Keyword' | 'Text' | 'Int' | 'Double' | 'Bool' | 'Datetime' | 'KeywordList'

const IndexedValueType = proto.temporal.api.enums.v1.IndexedValueType
type IndexedValueType = temporal.api.enums.v1.IndexedValueType

const TO_PROTO: Record<SearchAttributeType, IndexedValueType> = {
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Text: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  Int: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Double: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  Bool: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KeywordList: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
}

/** gRPC status ALREADY_EXISTS. */
const ALREADY_EXISTS = 6
// Someone else may register the same attributes between our list and our add; re-list and retry.
const MAX_ATTEMPTS = 3

function typeName(t: IndexedValueType): string {
  const found = Object.entries(TO_PROTO).find(([, proto]) => proto === t)
  return found ? found[0] : `type #${t}`
}

/** The names in `attrs` that `namespace` does not have yet (whatever their type). */
export async function missingSearchAttributes(
  connection: Connection,
  namespace: string,
  attrs: Readonly<Record<string, SearchAttributeType>>,
): Promise<string[]> {
  const listed = await connection.operatorService.listSearchAttributes({ namespace })
  const existing = listed.customAttributes ?? {}
  return Object.keys(attrs).filter((name) => existing[name] === undefined || existing[name] === null)
}

/**
 * Makes sure every attribute in `attrs` exists in `namespace` with the given type, adding only the
 * missing ones through the operator service. Returns the names it added (empty when all were there).
 * Throws when an attribute exists with another type, since Temporal cannot change a type in place.
 */
export async function registerSearchAttributes(
  connection: Connection,
  namespace: string,
  attrs: Readonly<Record<string, SearchAttributeType>>,
): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const listed = await connection.operatorService.listSearchAttributes({ namespace })
    const existing = listed.customAttributes ?? {}
    const missing: Record<string, IndexedValueType> = {}
    const conflicts: string[] = []
    for (const [name, type] of Object.entries(attrs)) {
      const have = existing[name]
      if (have === undefined || have === null) missing[name] = TO_PROTO[type]
      else if (have !== TO_PROTO[type]) conflicts.push(`${name} is ${typeName(have)}, expected ${type}`)
    }
    if (conflicts.length > 0) {
      throw new Error(
        `search attributes in namespace "${namespace}" have the wrong type: ${conflicts.join('; ')}. ` +
          'A type cannot be changed: remove the attribute (temporal operator search-attribute remove) ' +
          'or use another namespace.',
      )
    }
    const names = Object.keys(missing)
    if (names.length === 0) return []
    try {
      await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing })
      return names
    } catch (err) {
      if (!(isGrpcServiceError(err) && err.code === ALREADY_EXISTS) || attempt >= MAX_ATTEMPTS) throw err
    }
  }
}
