/**
 * labels.Parse: the label selector grammar of k8s.io/apimachinery/pkg/labels/selector.go — lexer, parser and
 * error texts as upstream. Failures surface as a 400 BadRequest whose message is the parse error.
 *
 *   selector    := requirement (',' requirement)*
 *   requirement := ['!'] KEY [ op VALUE | ('in'|'notin') '(' VALUES ')' ]   op := = == != > <
 */
import { aggregateMessage } from '../errors/field-errors';
import { apiErrors } from '../errors/status-error';
import { validateLabelKey, validateRequirement, type LabelOperator, type Requirement } from './label-requirement';
import { selectorFromRequirements, type LabelMatcher } from './label-matcher';

type Token =
  | 'Error'
  | 'EndOfString'
  | 'ClosedPar'
  | 'Comma'
  | 'DoesNotExist'
  | 'DoubleEquals'
  | 'Equals'
  | 'GreaterThan'
  | 'Identifier'
  | 'In'
  | 'LessThan'
  | 'NotEquals'
  | 'NotIn'
  | 'OpenPar';

const STRING_TO_TOKEN: Record<string, Token> = {
  ')': 'ClosedPar',
  ',': 'Comma',
  '!': 'DoesNotExist',
  '==': 'DoubleEquals',
  '=': 'Equals',
  '>': 'GreaterThan',
  in: 'In',
  '<': 'LessThan',
  '!=': 'NotEquals',
  notin: 'NotIn',
  '(': 'OpenPar',
};
const tokenOf = (s: string): Token | undefined => (Object.prototype.hasOwnProperty.call(STRING_TO_TOKEN, s) ? STRING_TO_TOKEN[s] : undefined);

const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string): boolean => '=!(),><'.includes(ch);

interface Scanned {
  tok: Token;
  lit: string;
}

function lex(input: string): Scanned[] {
  const out: Scanned[] = [];
  let pos = 0;
  // Go's Lexer.read returns 0 at the end; a NUL in the input also ends the string.
  const peek = (): string => (pos < input.length && input[pos] !== '\0' ? (input[pos] as string) : '');
  for (;;) {
    while (peek() !== '' && isWhitespace(peek())) pos++;
    const ch = peek();
    if (ch === '') {
      out.push({ tok: 'EndOfString', lit: '' });
      return out;
    }
    if (isSpecialSymbol(ch)) {
      let buffer = '';
      let last: Scanned | undefined;
      while (peek() !== '' && isSpecialSymbol(peek())) {
        const candidate = buffer + peek();
        const tok = tokenOf(candidate);
        if (tok !== undefined) {
          buffer = candidate;
          last = { tok, lit: candidate };
          pos++;
        } else if (last !== undefined) {
          break;
        } else {
          buffer = candidate;
          pos++;
        }
      }
      out.push(last ?? { tok: 'Error', lit: `error expected: keyword found '${buffer}'` });
      continue;
    }
    let word = '';
    while (peek() !== '' && !isWhitespace(peek()) && !isSpecialSymbol(peek())) word += input[pos++];
    out.push({ tok: tokenOf(word) ?? 'Identifier', lit: word });
  }
}

const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];

class Parser {
  private position = 0;
  constructor(private readonly items: Scanned[]) {}

  /** In the Values context `in`/`notin` are ordinary identifiers. */
  private lookahead(values: boolean): Scanned {
    const item = this.items[this.position] ?? { tok: 'EndOfString', lit: '' };
    return values && (item.tok === 'In' || item.tok === 'NotIn') ? { tok: 'Identifier', lit: item.lit } : item;
  }
  private consume(values: boolean): Scanned {
    const item = this.lookahead(values);
    if (this.position < this.items.length - 1) this.position++;
    return item;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(true);
      if (tok === 'Identifier' || tok === 'DoesNotExist') {
        try {
          requirements.push(this.parseRequirement());
        } catch (e) {
          throw new ParseError(`unable to parse requirement: ${(e as Error).message}`);
        }
        const next = this.consume(true);
        if (next.tok === 'EndOfString') return requirements;
        if (next.tok === 'Comma') {
          const after = this.lookahead(true);
          if (after.tok !== 'Identifier' && after.tok !== 'DoesNotExist') {
            throw new ParseError(`found '${after.lit}', expected: identifier after ','`);
          }
          continue;
        }
        throw new ParseError(`found '${next.lit}', expected: ',' or 'end of string'`);
      }
      if (tok === 'EndOfString') return requirements;
      throw new ParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
    }
  }

  private parseRequirement(): Requirement {
    let op: LabelOperator | undefined;
    let { tok, lit } = this.consume(true);
    if (tok === 'DoesNotExist') {
      op = '!';
      ({ tok, lit } = this.consume(true));
    }
    if (tok !== 'Identifier') throw new ParseError(`found '${lit}', expected: identifier`);
    const key = lit;
    const keyErr = validateLabelKey(key, '<nil>');
    if (keyErr) throw new ParseError(aggregateMessage([keyErr]));
    const ahead = this.lookahead(true).tok;
    if ((ahead === 'EndOfString' || ahead === 'Comma') && op === undefined) op = 'exists';
    if (op === 'exists' || op === '!') return this.newRequirement(key, op, []);

    const opTok = this.consume(false);
    const binary = operatorOf(opTok.tok);
    if (binary === undefined) throw new ParseError(`found '${opTok.lit}', expected: ${BINARY_OPERATORS.join(', ')}`);
    const values = binary === 'in' || binary === 'notin' ? this.parseValues() : this.parseExactValue();
    return this.newRequirement(key, binary, [...new Set(values)].sort());
  }

  private newRequirement(key: string, operator: LabelOperator, values: string[]): Requirement {
    const errs = validateRequirement(key, operator, values);
    if (errs.length > 0) throw new ParseError(aggregateMessage(errs));
    return { key, operator, values };
  }

  private parseValues(): string[] {
    const open = this.consume(true);
    if (open.tok !== 'OpenPar') throw new ParseError(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead(true);
    if (tok === 'Identifier' || tok === 'Comma') {
      const s = this.parseIdentifiersList();
      if (this.consume(true).tok !== 'ClosedPar') throw new ParseError(`found '${lit}', expected: ')'`);
      return s;
    }
    if (tok === 'ClosedPar') {
      this.consume(true);
      return [''];
    }
    throw new ParseError(`found '${lit}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): string[] {
    const s: string[] = [];
    for (;;) {
      const { tok, lit } = this.consume(true);
      if (tok === 'Identifier') {
        s.push(lit);
        const next = this.lookahead(true);
        if (next.tok === 'Comma') continue;
        if (next.tok === 'ClosedPar') return s;
        throw new ParseError(`found '${next.lit}', expected: ',' or ')'`);
      }
      if (tok === 'Comma') {
        if (s.length === 0) s.push('');
        const next = this.lookahead(true);
        if (next.tok === 'ClosedPar') {
          s.push('');
          return s;
        }
        if (next.tok === 'Comma') {
          this.consume(true);
          s.push('');
        }
        continue;
      }
      throw new ParseError(`found '${lit}', expected: ',', or identifier`);
    }
  }

  private parseExactValue(): string[] {
    const ahead = this.lookahead(true);
    if (ahead.tok === 'EndOfString' || ahead.tok === 'Comma') return [''];
    const { tok, lit } = this.consume(true);
    if (tok === 'Identifier') return [lit];
    throw new ParseError(`found '${lit}', expected: identifier`);
  }
}

function operatorOf(tok: Token): LabelOperator | undefined {
  switch (tok) {
    case 'In':
      return 'in';
    case 'NotIn':
      return 'notin';
    case 'Equals':
      return '=';
    case 'DoubleEquals':
      return '==';
    case 'NotEquals':
      return '!=';
    case 'GreaterThan':
      return 'gt';
    case 'LessThan':
      return 'lt';
    default:
      return undefined;
  }
}

class ParseError extends Error {}

/** labels.Parse as a plain error message, for callers that wrap it themselves. */
export function parseLabelRequirements(text: string): { requirements: Requirement[] } | { error: string } {
  try {
    return { requirements: new Parser(lex(text)).parse() };
  } catch (e) {
    if (e instanceof ParseError) return { error: e.message };
    throw e;
  }
}

/** Parses a `labelSelector` query value; throws a 400 BadRequest StatusError with upstream's message. */
export function parseLabelSelector(text: string): LabelMatcher {
  const result = parseLabelRequirements(text);
  if ('error' in result) throw apiErrors.badRequest(result.error);
  return selectorFromRequirements(result.requirements);
}
