// Expected strings follow k8s.io/apimachinery/pkg/api/validation/objectmeta_test.go (v0.32) and the
// messages in objectmeta.go / generic.go.
import { describe, expect, it } from 'vitest';
import {
  nameIsDNSSubdomain,
  validateLabelSelector,
  validateAnnotations,
  validateLabels,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from '../../../../engine/apiserver/validation';
import { FieldPath, fieldErrorMessage } from '../../../../engine/apiserver/errors';

const opts = { namespaced: true, nameValidator: nameIsDNSSubdomain };
const msgs = (errs: ReturnType<typeof validateObjectMeta>): string[] => errs.map(fieldErrorMessage);

describe('validateObjectMeta', () => {
  it('requires a name and a namespace', () => {
    expect(msgs(validateObjectMeta({}, opts))).toEqual(['metadata.name: Required value: name or generateName is required', 'metadata.namespace: Required value']);
  });

  it('forbids a namespace on cluster-scoped kinds', () => {
    expect(msgs(validateObjectMeta({ name: 'n', namespace: 'x' }, { namespaced: false, nameValidator: nameIsDNSSubdomain }))).toEqual([
      'metadata.namespace: Forbidden: not allowed on this type',
    ]);
  });

  it('checks generateName with the trailing dash masked', () => {
    expect(msgs(validateObjectMeta({ generateName: 'web-', name: 'web-abcde', namespace: 'default' }, opts))).toEqual([]);
    expect(msgs(validateObjectMeta({ name: 'foo.bar', namespace: 'default' }, { namespaced: true, nameValidator: (n) => (n.includes('.') ? ['no dots'] : []) }))).toEqual([
      'metadata.name: Invalid value: "foo.bar": no dots',
    ]);
  });

  it('namespace must be a DNS label', () => {
    expect(msgs(validateObjectMeta({ name: 'a', namespace: 'a.b' }, opts))).toEqual(['metadata.namespace: Invalid value: "a.b": must not contain dots']);
  });

  it('owner references: one controller only, Event banned', () => {
    const refs = [
      { apiVersion: 'customresourceVersion', kind: 'customresourceKind2', name: 'name', uid: '1', controller: true },
      { apiVersion: 'customresourceVersion', kind: 'customresourceKind3', name: 'name', uid: '2', controller: true },
    ];
    expect(msgs(validateObjectMeta({ name: 'a', namespace: 'd', ownerReferences: refs }, opts))[0]).toContain(
      'Only one reference can have Controller set to true. Found "true" in references for customresourceKind2/name and customresourceKind3/name',
    );
    expect(msgs(validateObjectMeta({ name: 'a', namespace: 'd', ownerReferences: [{ apiVersion: 'v1', kind: 'Event', name: 'e', uid: '1' }] }, opts))[0]).toContain(
      '/v1, Kind=Event is disallowed from being an owner',
    );
  });
});

describe('validateObjectMetaUpdate', () => {
  it('immutable name and uid; resourceVersion required', () => {
    expect(msgs(validateObjectMetaUpdate({ name: 'b', uid: '2' }, { name: 'a', uid: '1', resourceVersion: '1' }, FieldPath.root('field')))).toEqual([
      'field.resourceVersion: Invalid value: "": must be specified for an update',
      'field.name: Invalid value: "b": field is immutable',
      'field.uid: Invalid value: "2": field is immutable',
    ]);
  });

  it('clearing a pointer field prints "null" quoted, as 1.32 does', () => {
    expect(msgs(validateObjectMetaUpdate({ name: 't', resourceVersion: '1' }, { name: 't', resourceVersion: '1', deletionGracePeriodSeconds: 30 }, FieldPath.root('field')))).toEqual([
      'field.deletionGracePeriodSeconds: Invalid value: "null": field is immutable',
    ]);
    expect(
      msgs(validateObjectMetaUpdate({ name: 't', resourceVersion: '1', deletionGracePeriodSeconds: 40 }, { name: 't', resourceVersion: '1', deletionGracePeriodSeconds: 30 }, FieldPath.root('field'))),
    ).toEqual(['field.deletionGracePeriodSeconds: Invalid value: 40: field is immutable']);
  });

  it('no new finalizers while deleting', () => {
    const old = { name: 't', resourceVersion: '1', deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: ['x/a'] };
    expect(msgs(validateObjectMetaUpdate({ ...old, finalizers: ['x/a', 'y/b'] }, old))).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"y/b"}',
    ]);
  });
});

describe('labels, annotations, selectors', () => {
  it('label keys and values are reported at the map path', () => {
    expect(validateLabels({ 'a/b/c': 'x' }, FieldPath.root('metadata').child('labels')).map(fieldErrorMessage)[0]).toMatch(/^metadata\.labels: Invalid value: "a\/b\/c": a qualified name must consist of/);
  });
  it('annotation keys are case-insensitive qualified names', () => {
    expect(validateAnnotations({ 'Example.COM/Key': 'v' }, FieldPath.root('metadata').child('annotations'))).toEqual([]);
  });
  it('selector operators', () => {
    const path = FieldPath.root('spec').child('selector');
    expect(
      validateLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In' }, { key: 'b', operator: 'Exists', values: ['x'] }, { key: 'c', operator: 'Bogus' }] }, path).map(fieldErrorMessage),
    ).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector.matchExpressions[2].operator: Invalid value: "Bogus": not a valid selector operator',
    ]);
  });
});
