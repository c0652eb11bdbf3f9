import { describe, expect, it } from 'vitest';
import { otherStrategies } from '../../../../../engine/apiserver/kinds/other-strategies';
import { create, statusUpdate, update } from '../core/harness';

const crd = otherStrategies['apiextensions.k8s.io/CustomResourceDefinition']!;

const schema = { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { cronSpec: { type: 'string' } } } } } };
const crontab = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'crontabs.stable.example.com' },
  spec: {
    group: 'stable.example.com',
    scope: 'Namespaced',
    names: { plural: 'crontabs', kind: 'CronTab', shortNames: ['ct'] },
    versions: [{ name: 'v1', served: true, storage: true, schema }],
  },
};

describe('CustomResourceDefinition create', () => {
  it('defaults names and conversion, records the storage version and accepts the names at once', () => {
    const { obj, errors } = create(crd, crontab);
    expect(errors).toEqual([]);
    expect(obj.metadata?.generation).toBe(1);
    expect((obj.spec as { names: unknown }).names).toEqual({ plural: 'crontabs', kind: 'CronTab', shortNames: ['ct'], singular: 'crontab', listKind: 'CronTabList' });
    expect((obj.spec as { conversion: unknown }).conversion).toEqual({ strategy: 'None' });
    expect(obj.status).toEqual({
      storedVersions: ['v1'],
      acceptedNames: { plural: 'crontabs', kind: 'CronTab', shortNames: ['ct'], singular: 'crontab', listKind: 'CronTabList' },
      conditions: [
        { type: 'NamesAccepted', status: 'True', lastTransitionTime: '2026-11-23T18:00:00Z', reason: 'NoConflicts', message: 'no conflicts found' },
        { type: 'Established', status: 'True', lastTransitionTime: '2026-11-23T18:00:00Z', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
      ],
    });
  });

  it('the name must be <plural>.<group>', () => {
    const { errors } = create(crd, { ...crontab, metadata: { name: 'crontab.stable.example.com' } });
    expect(errors).toEqual(['metadata.name: Invalid value: "crontab.stable.example.com": must be spec.names.plural+"."+spec.group']);
  });

  it('exactly one storage version; v1 requires schemas', () => {
    const twoStorage = create(crd, {
      ...crontab,
      spec: { ...crontab.spec, versions: [{ name: 'v1', served: true, storage: true, schema }, { name: 'v2', served: true, storage: true }] },
    }).errors;
    expect(twoStorage.some((e) => /^spec\.versions: Invalid value: \[\]apiextensions\.CustomResourceDefinitionVersion\{.*\}: must have exactly one version marked as storage version$/.test(e))).toBe(true);
    expect(twoStorage).toContain('spec.versions[1].schema.openAPIV3Schema: Required value: schemas are required');
  });

  it('scope, group and structural root', () => {
    const { errors } = create(crd, {
      metadata: { name: 'crontabs.example' },
      spec: { group: 'example', names: { plural: 'crontabs', kind: 'CronTab' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'string' } } }] },
    });
    expect(errors).toEqual([
      'spec.group: Invalid value: "example": should be a domain with at least one dot',
      'spec.scope: Required value',
      'spec.versions[0].schema.openAPIV3Schema.type: Invalid value: "string": must be object at the root',
    ]);
  });

  it('fields without a type are rejected', () => {
    const { errors } = create(crd, {
      ...crontab,
      spec: { ...crontab.spec, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: {} } } } }] },
    });
    expect(errors).toEqual(['spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields']);
  });
});

describe('CustomResourceDefinition update', () => {
  const stored = create(crd, crontab).obj;

  it('keeps status, bumps generation on spec change and appends a new storage version', () => {
    const next = {
      ...stored,
      spec: { ...(stored.spec as object), versions: [{ name: 'v1', served: true, storage: false, schema }, { name: 'v2', served: true, storage: true, schema }] },
      status: {},
    };
    const { obj, errors } = update(crd, next, stored);
    expect(errors).toEqual([]);
    expect(obj.metadata?.generation).toBe(2);
    expect((obj.status as { storedVersions: string[] }).storedVersions).toEqual(['v1', 'v2']);
  });

  it('group, plural and (once established) scope are immutable', () => {
    const { errors } = update(crd, { ...stored, spec: { ...(stored.spec as object), scope: 'Cluster' } }, stored);
    expect(errors).toEqual(['spec.scope: Invalid value: "Cluster": field is immutable']);
  });

  it('status writes keep spec and labels', () => {
    const { obj } = statusUpdate(crd, { ...stored, metadata: { ...stored.metadata, labels: { x: 'y' } }, spec: {}, status: { ...(stored.status as object) } }, stored);
    expect(obj.spec).toEqual(stored.spec);
    expect(obj.metadata?.labels).toBeUndefined();
  });
});

describe('CustomResourceDefinition versions: scale subresource and printer columns', () => {
  it('reports upstream paths and messages', () => {
    const { errors } = create(crd, {
      ...crontab,
      spec: {
        ...crontab.spec,
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema,
            subresources: { scale: { specReplicasPath: '.replicas', statusReplicasPath: 'status.replicas' } },
            additionalPrinterColumns: [{ name: 'Spec', type: 'text', jsonPath: '.spec.cronSpec' }, { name: 'Age', type: 'date' }],
          },
        ],
      },
    });
    expect(errors).toEqual([
      'spec.versions[0].subresources.scale.specReplicasPath: Invalid value: ".replicas": should be a json path under .spec',
      'spec.versions[0].subresources.scale.statusReplicasPath: Invalid value: "status.replicas": must be a simple json path starting with .',
      'spec.versions[0].additionalPrinterColumns[0].type: Unsupported value: "text": supported values: "boolean", "date", "integer", "number", "string"',
      'spec.versions[0].additionalPrinterColumns[1].JSONPath: Required value',
    ]);
  });
});
