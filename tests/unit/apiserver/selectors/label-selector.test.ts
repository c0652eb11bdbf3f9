// Cases follow k8s.io/apimachinery/pkg/labels/selector_test.go and selector.go's error texts.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/objects';
import { StatusError } from '../../../../engine/apiserver/errors';
import { formatLabelSelector, formatLabels, labelSelectorFromMeta, parseLabelSelector } from '../../../../engine/apiserver/selectors';

const withLabels = (labels: Record<string, string>): KubeObject => ({ metadata: { name: 'x', labels } });

function parseError(text: string): StatusError {
  try {
    parseLabelSelector(text);
  } catch (e) {
    return e as StatusError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

const LABEL_VALUE_RULE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('parseLabelSelector: valid selectors and their canonical String()', () => {
  it.each([
    ['', ''],
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['x!=a,y=b', 'x!=a,y=b'],
    ['x=,z= ', 'x=,z='],
    ['x= ,z= ', 'x=,z='],
    ['!x', '!x'],
    ['x>1', 'x>1'],
    ['x>1,z<5', 'x>1,z<5'],
    ['x==a', 'x==a'],
    ['z=c,y=b,x=a', 'x=a,y=b,z=c'],
    ['x in (b,a,a)', 'x in (a,b)'],
    ['x notin (a)', 'x notin (a)'],
    ['x in ()', 'x in ()'],
    ['x in (,a)', 'x in (,a)'],
    ['  x  ,  !y  ', 'x,!y'],
    ['in=notin', 'in=notin'],
    ['example.com/app=web', 'example.com/app=web'],
  ])('%j → %j', (text, canonical) => {
    expect(parseLabelSelector(text).toString()).toBe(canonical);
  });

  it('is empty only without requirements', () => {
    expect(parseLabelSelector('').empty).toBe(true);
    expect(parseLabelSelector('a').empty).toBe(false);
  });
});

describe('parseLabelSelector: errors', () => {
  it.each([
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x=a,', "found '', expected: identifier after ','"],
    ['x in y', "unable to parse requirement: found 'y' expected: '('"],
    ['x in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ['x in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['x ~ a', "unable to parse requirement: found '~', expected: in, notin, =, ==, !=, gt, lt"],
    ['=a', "found '=', expected: !, identifier, or 'end of string'"],
    ['x>a', "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer"],
    ['x=a||y=b', `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${LABEL_VALUE_RULE}`],
    [
      'a/b/c',
      "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ],
    ['-x', "unable to parse requirement: <nil>: Invalid value: \"-x\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"],
  ])('%j', (text, message) => {
    const err = parseError(text);
    expect(err).toBeInstanceOf(StatusError);
    expect(err.status).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest', code: 400, message });
  });
});

describe('matching', () => {
  it.each([
    ['x=y', { x: 'y' }, true],
    ['x=y', { x: 'z' }, false],
    ['x==y', { x: 'y' }, true],
    ['x!=y', {}, true],
    ['x!=y', { x: 'y' }, false],
    ['x in (y,z)', { x: 'z' }, true],
    ['x notin (y,z)', { x: 'w' }, true],
    ['x notin (y,z)', {}, true],
    ['x', { x: '' }, true],
    ['!x', { x: '' }, false],
    ['!x', { y: 'a' }, true],
    ['x>1', { x: '2' }, true],
    ['x>1', { x: '1' }, false],
    ['x<1', { x: '-3' }, true],
    ['x>1', { x: 'a' }, false],
    ['x=a,y=b', { x: 'a', y: 'b' }, true],
    ['x=a,y=b', { x: 'a' }, false],
    ['', { anything: 'goes' }, true],
  ])('%j on %j → %s', (text, labels, want) => {
    expect(parseLabelSelector(text).matches(withLabels(labels))).toBe(want);
  });
  it('treats an object without labels as an empty set', () => {
    expect(parseLabelSelector('!x').matches({ metadata: { name: 'n' } })).toBe(true);
  });
});

describe('labelSelectorFromMeta (LabelSelectorAsSelector)', () => {
  it('selects nothing for a missing selector and everything for an empty one', () => {
    expect(labelSelectorFromMeta(undefined).matches(withLabels({ a: 'b' }))).toBe(false);
    expect(labelSelectorFromMeta({}).matches(withLabels({ a: 'b' }))).toBe(true);
    expect(labelSelectorFromMeta({}).empty).toBe(true);
  });
  it('combines matchLabels and matchExpressions, sorted by key', () => {
    const m = labelSelectorFromMeta({
      matchLabels: { tier: 'web', app: 'shop' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    });
    expect(m.toString()).toBe('app=shop,env in (dev,prod),!legacy,tier=web');
    expect(m.matches(withLabels({ app: 'shop', tier: 'web', env: 'dev' }))).toBe(true);
    expect(m.matches(withLabels({ app: 'shop', tier: 'web', env: 'dev', legacy: 'y' }))).toBe(false);
  });
  it('rejects bad operators and empty In values with upstream messages', () => {
    expect(() => labelSelectorFromMeta({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })).toThrow('"Gt" is not a valid label selector operator');
    expect(() => labelSelectorFromMeta({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toThrow(
      "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
    );
  });
  it('formats selectors and label maps as the printers do', () => {
    expect(formatLabelSelector(undefined)).toBe('<none>');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bad' }] })).toBe('<error>');
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatLabels({})).toBe('<none>');
  });
});
