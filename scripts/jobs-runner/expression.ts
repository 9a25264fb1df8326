// The small part of CEL (Inngest's expression language) the local runner evaluates: trigger `if`
// expressions, concurrency keys and the failure handlers' `event.data.function_id == '…'`.
// Paths (`event.data.a.b`), string/number/boolean/null literals, `+`, `==`, `!=`, `&&`, `||`,
// `!` and parentheses. Anything else is refused when a function is registered, so a function
// whose expression this cannot read fails loudly instead of matching the wrong events.

export type Scope = Record<string, unknown>
export type Expression = (scope: Scope) => unknown

type Token = { kind: 'op' | 'path' | 'literal'; value: string | number | boolean | null }

export class UnsupportedExpressionError extends Error {
  constructor(expression: string, why: string) {
    super(`the local jobs runner cannot evaluate \`${expression}\`: ${why}`)
    this.name = 'UnsupportedExpressionError'
  }
}

// Longer operators first, so `!=` is not read as `!`.
const OPERATORS = ['==', '!=', '&&', '||', '+', '!', '(', ')']

function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < source.length) {
    const rest = source.slice(i)
    const space = /^\s+/.exec(rest)
    if (space) {
      i += space[0].length
      continue
    }
    const op = OPERATORS.find((o) => rest.startsWith(o))
    const quoted = /^'((?:[^'\\]|\\.)*)'|^"((?:[^"\\]|\\.)*)"/.exec(rest)
    const number = /^-?\d+(\.\d+)?/.exec(rest)
    const word = /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*/.exec(rest)
    if (op) {
      tokens.push({ kind: 'op', value: op })
      i += op.length
    } else if (quoted) {
      tokens.push({ kind: 'literal', value: (quoted[1] ?? quoted[2] ?? '').replace(/\\(.)/g, '$1') })
      i += quoted[0].length
    } else if (number) {
      tokens.push({ kind: 'literal', value: Number(number[0]) })
      i += number[0].length
    } else if (word) {
      const literals: Record<string, boolean | null> = { true: true, false: false, null: null }
      tokens.push(word[0] in literals ? { kind: 'literal', value: literals[word[0]] ?? null } : { kind: 'path', value: word[0] })
      i += word[0].length
    } else {
      throw new UnsupportedExpressionError(source, `unexpected "${rest.slice(0, 12)}"`)
    }
  }
  return tokens
}

function lookup(scope: Scope, path: string): unknown {
  let value: unknown = scope
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[part]
  }
  return value
}

/** Compiles `source` once; throws UnsupportedExpressionError for anything outside the subset. */
export function compileExpression(source: string): Expression {
  const tokens = tokenize(source)
  let pos = 0
  const peek = () => tokens[pos]
  const isOp = (value: string) => peek()?.kind === 'op' && peek()?.value === value
  const fail = (why: string): never => {
    throw new UnsupportedExpressionError(source, why)
  }

  function primary(): Expression {
    const token = tokens[pos++]
    if (!token) return fail('it ends early')
    if (token.kind === 'literal') return () => token.value
    if (token.kind === 'path') {
      if (isOp('(')) fail(`function calls such as ${String(token.value)}() are not supported`)
      return (scope) => lookup(scope, String(token.value))
    }
    if (token.value === '(') {
      const inner = or()
      if (!isOp(')')) fail('a parenthesis is not closed')
      pos++
      return inner
    }
    if (token.value === '!') {
      const operand = primary()
      return (scope) => !operand(scope)
    }
    return fail(`unexpected "${String(token.value)}"`)
  }

  function additive(): Expression {
    let left = primary()
    while (isOp('+')) {
      pos++
      const l = left
      const r = primary()
      left = (scope) => {
        const a = l(scope)
        const b = r(scope)
        return typeof a === 'number' && typeof b === 'number' ? a + b : `${String(a ?? '')}${String(b ?? '')}`
      }
    }
    return left
  }

  function equality(): Expression {
    const left = additive()
    if (!isOp('==') && !isOp('!=')) return left
    const negate = peek()?.value === '!='
    pos++
    const right = additive()
    return (scope) => (left(scope) === right(scope)) !== negate
  }

  function and(): Expression {
    let left = equality()
    while (isOp('&&')) {
      pos++
      const l = left
      const r = equality()
      left = (scope) => Boolean(l(scope)) && Boolean(r(scope))
    }
    return left
  }

  function or(): Expression {
    let left = and()
    while (isOp('||')) {
      pos++
      const l = left
      const r = and()
      left = (scope) => Boolean(l(scope)) || Boolean(r(scope))
    }
    return left
  }

  const expression = or()
  if (pos < tokens.length) fail(`unexpected "${String(tokens[pos]?.value)}"`)
  return expression
}
