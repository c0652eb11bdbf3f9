// Expected strings are upstream's (k8s.io/apimachinery/pkg/util/validation/validation.go, v0.32).
import { describe, expect, it } from 'vitest';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isDNS1035Label,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  nameIsDNSSubdomain,
  validatePortNumber,
} from '../../../../engine/apiserver/validation';
import { FieldPath, fieldErrorMessage } from '../../../../engine/apiserver/errors';

describe('DNS names', () => {
  it('accepts valid names', () => {
    expect(isDNS1123Label('my-name')).toEqual([]);
    expect(isDNS1123Subdomain('example.com')).toEqual([]);
    expect(isDNS1035Label('abc-123')).toEqual([]);
  });
  it('rejects upper case with the RFC 1123 subdomain message', () => {
    expect(isDNS1123Subdomain('Nginx')).toEqual([
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });
  it('label with dots says so (1.32)', () => {
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
  });
  it('label regex message', () => {
    expect(isDNS1123Label('-a')).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });
  it('length', () => {
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(isDNS1035Label('1abc')).toEqual([
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });
  it('generateName masks a trailing dash like upstream', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-', false)).toHaveLength(1);
  });
});

describe('qualified names and label values', () => {
  it('prefix and name parts', () => {
    expect(isQualifiedName('example.com/MyName')).toEqual([]);
    expect(isQualifiedName('/a')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('a/b/c')).toEqual([
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
  });
  it('label value', () => {
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('-bad')).toEqual([
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
  });
});

describe('ports', () => {
  it('port names', () => {
    expect(isValidPortName('http')).toEqual([]);
    expect(isValidPortName('Http')).toEqual(['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)']);
    expect(isValidPortName('1234')).toEqual(['must contain at least one letter (a-z)']);
    expect(isValidPortName('a--b')).toEqual(['must not contain consecutive hyphens']);
    expect(isValidPortName('a'.repeat(16))).toEqual(['must be no more than 15 characters']);
  });
  it('port numbers', () => {
    expect(validatePortNumber(0, FieldPath.root('spec').child('ports').index(0).child('port')).map(fieldErrorMessage)).toEqual([
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
  });
});
