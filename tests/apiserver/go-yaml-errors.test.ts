/**
 * YAML syntax errors worded as go-yaml v2 (what sigs.k8s.io/yaml returns to the API server): the classic
 * scanner errors for a value where a mapping may not start and for a tab used as indentation.
 */
import { describe, expect, it } from 'vitest';
import { parse, YAMLError } from 'yaml';
import { goYamlErrorMessage } from '../../engine/apiserver/request/go-yaml-errors';

function goError(text: string): string {
  try {
    parse(text, { uniqueKeys: false });
  } catch (err) {
    if (err instanceof YAMLError) return goYamlErrorMessage(text, err);
    throw err;
  }
  throw new Error('parsed without error');
}

describe('goYamlErrorMessage', () => {
  it('reports a nested mapping on one line at the line of its colon', () => {
    expect(goError('apiVersion: v1\nkind: Pod\nmetadata: name: x\n')).toBe('yaml: line 3: mapping values are not allowed in this context');
  });

  it('reports an over-indented mapping at the line of its colon', () => {
    expect(goError('a: b\n  c: d\n')).toBe('yaml: line 2: mapping values are not allowed in this context');
  });

  it('reports a tab used as indentation', () => {
    expect(goError('a:\n\tb: c\n')).toBe('yaml: line 2: found character that cannot start any token');
  });
});
