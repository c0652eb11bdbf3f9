/**
 * Status causes back onto the YAML the learner typed: field.Path strings (`spec.replicas`,
 * `spec.template.spec.containers[0].image`, `metadata.labels[app]`) to 1-based line/column ranges, per document,
 * falling back to the nearest existing parent; and YAML syntax errors with their positions.
 */
import { describe, expect, it } from 'vitest';
import { fieldRange, parseFieldPath, yamlSyntaxDiagnostics } from '../../../engine/api/yaml-field-positions';

const TEXT = `apiVersion: v1
kind: ConfigMap
metadata:
  name: first
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: "three"
  template:
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

describe('yaml field positions', () => {
  it('parses field.Path strings', () => {
    expect(parseFieldPath('spec.template.spec.containers[0].image')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'image']);
    expect(parseFieldPath('metadata.labels[app.kubernetes.io/name]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
  });

  it('finds the value of a field in the right document', () => {
    expect(fieldRange(TEXT, 1, 'spec.replicas')).toEqual({ startLine: 13, startColumn: 13, endLine: 13, endColumn: 20 });
    expect(fieldRange(TEXT, 1, 'spec.template.spec.containers[0].image')).toMatchObject({ startLine: 18, startColumn: 16 });
    expect(fieldRange(TEXT, 1, 'metadata.labels[app]')).toMatchObject({ startLine: 11, startColumn: 10 });
    expect(fieldRange(TEXT, 0, 'metadata.name')).toMatchObject({ startLine: 4, startColumn: 9 });
  });

  it('falls back to the nearest parent when the field is not in the text', () => {
    expect(fieldRange(TEXT, 1, 'spec.selector')).toMatchObject({ startLine: 13 });
    expect(fieldRange(TEXT, 1, 'spec.template.spec.containers[0].ports[0].containerPort')).toMatchObject({ startLine: 17 });
    expect(fieldRange(TEXT, 5, 'spec')).toBeUndefined();
  });

  it('reports syntax errors with a position', () => {
    const d = yamlSyntaxDiagnostics('kind: Pod\nmetadata:\n  name: [unclosed\n');
    expect(d.length).toBeGreaterThan(0);
    expect(d[0]!.severity).toBe('error');
    expect(d[0]!.range.startLine).toBeGreaterThanOrEqual(3);
    expect(yamlSyntaxDiagnostics(TEXT)).toEqual([]);
  });
});
