/**
 * `$(( … ))` arithmetic: integers, variables (unset = 0), + - * / % , comparisons, && ||, unary - and !,
 * parentheses. Division by zero is ash's error.
 */
export class ArithmeticError extends Error {}

export function evaluateArithmetic(expr: string, lookup: (name: string) => string | undefined): number {
  const tokens = expr.match(/\s*([0-9]+|[A-Za-z_][A-Za-z0-9_]*|\$[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||[-+*/%()<>!])/g)?.map((t) => t.trim()) ?? [];
  if (tokens.join('') !== expr.replace(/\s+/g, '')) throw new ArithmeticError(`sh: arithmetic syntax error`);
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];
  const binary = (ops: string[], next: () => number): (() => number) => () => {
    let left = next();
    for (let op = peek(); op !== undefined && ops.includes(op); op = peek()) {
      pos++;
      const right = next();
      left = apply(op, left, right);
    }
    return left;
  };
  const primary = (): number => {
    const t = tokens[pos++];
    if (t === undefined) throw new ArithmeticError('sh: arithmetic syntax error');
    if (t === '(') {
      const v = or();
      if (tokens[pos++] !== ')') throw new ArithmeticError('sh: arithmetic syntax error');
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() === 0 ? 1 : 0;
    if (/^[0-9]+$/.test(t)) return Number(t);
    if (/^\$?[A-Za-z_]/.test(t)) {
      const raw = lookup(t.replace(/^\$/, '')) ?? '';
      const v = raw.trim() === '' ? 0 : Number(raw.trim());
      if (!Number.isInteger(v)) throw new ArithmeticError(`sh: arithmetic syntax error`);
      return v;
    }
    throw new ArithmeticError('sh: arithmetic syntax error');
  };
  const mul = binary(['*', '/', '%'], primary);
  const add = binary(['+', '-'], mul);
  const cmp = binary(['<', '>', '<=', '>='], add);
  const eq = binary(['==', '!='], cmp);
  const and = binary(['&&'], eq);
  const or = binary(['||'], and);
  const value = or();
  if (pos !== tokens.length) throw new ArithmeticError('sh: arithmetic syntax error');
  return value;
}

function apply(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/':
    case '%':
      if (b === 0) throw new ArithmeticError('sh: divide by zero');
      return op === '/' ? Math.trunc(a / b) : a % b;
    case '<': return a < b ? 1 : 0;
    case '>': return a > b ? 1 : 0;
    case '<=': return a <= b ? 1 : 0;
    case '>=': return a >= b ? 1 : 0;
    case '==': return a === b ? 1 : 0;
    case '!=': return a !== b ? 1 : 0;
    case '&&': return a !== 0 && b !== 0 ? 1 : 0;
    default: return a !== 0 || b !== 0 ? 1 : 0;
  }
}
