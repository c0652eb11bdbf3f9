/**
 * The lab.clusterlab.dev/v1 kinds installed as CustomResourceDefinitions at bootstrap, so they are served,
 * discovered, printed and explained like any other group (`kubectl get clocks`, `kubectl explain fault.spec`).
 *
 * - Clock (cluster-scoped, short name `clk`): a singleton named `cluster` — CRDs cannot restrict names, so the
 *   ClockController marks any other Clock with an `Invalid` condition and otherwise ignores it.
 * - Fault (cluster-scoped, short name `flt`): faults act on nodes and kubelets, which are cluster-scoped; a
 *   pod target names its namespace explicitly. Cluster scope also lets `kubectl get faults` show every fault
 *   in play without `-A`, and keeps a fault alive when the namespace of its target pod is deleted.
 */
import type { KubeObject } from '../api/objects';
import { FAULT_TYPES, LAB_GROUP, LAB_VERSION, LEADER_ELECTED_COMPONENTS, MAX_CLOCK_SPEED, MIN_CLOCK_SPEED } from './lab-group';

const conditionsSchema = {
  type: 'array',
  description: 'Observations of the object\'s state (metav1.Condition).',
  items: {
    type: 'object',
    required: ['type', 'status', 'lastTransitionTime', 'reason', 'message'],
    properties: {
      type: { type: 'string' },
      status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
      observedGeneration: { type: 'integer', format: 'int64' },
      lastTransitionTime: { type: 'string', format: 'date-time' },
      reason: { type: 'string' },
      message: { type: 'string' },
    },
  },
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': ['type'],
};

function crd(plural: string, kind: string, shortName: string, description: string, schema: Record<string, unknown>, columns: unknown[]): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${LAB_GROUP}`, labels: { 'app.kubernetes.io/part-of': 'cluster-lab' } },
    spec: {
      group: LAB_GROUP,
      scope: 'Cluster',
      names: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List`, shortNames: [shortName], categories: ['lab'] },
      versions: [
        {
          name: LAB_VERSION,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: columns,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              description,
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                ...schema,
              },
            },
          },
        },
      ],
    },
  };
}

export function labCustomResourceDefinitions(): KubeObject[] {
  const clock = crd(
    'clocks',
    'Clock',
    'clk',
    'The cluster\'s virtual clock. Only the Clock named "cluster" is honoured.',
    {
      spec: {
        type: 'object',
        properties: {
          speed: { type: 'number', minimum: MIN_CLOCK_SPEED, maximum: MAX_CLOCK_SPEED, default: 1, description: `How many virtual seconds pass per real second (${MIN_CLOCK_SPEED}–${MAX_CLOCK_SPEED}).` },
          paused: { type: 'boolean', default: false, description: 'Stops virtual time; stepping still works.' },
        },
      },
      status: {
        type: 'object',
        properties: {
          now: { type: 'string', format: 'date-time', description: 'Virtual time when the status was written (refreshed at most every 10 virtual seconds).' },
          speed: { type: 'number', description: 'The speed in effect.' },
          paused: { type: 'boolean', description: 'Whether the clock is paused.' },
          observedGeneration: { type: 'integer', format: 'int64' },
          conditions: conditionsSchema,
        },
      },
    },
    [
      { name: 'Speed', type: 'number', jsonPath: '.spec.speed' },
      { name: 'Paused', type: 'boolean', jsonPath: '.spec.paused' },
      { name: 'Now', type: 'string', jsonPath: '.status.now' },
    ],
  );
  const fault = crd(
    'faults',
    'Fault',
    'flt',
    'A failure injected into the simulated cluster; deleting the Fault heals it.',
    {
      spec: {
        type: 'object',
        required: ['type', 'target'],
        properties: {
          type: {
            type: 'string',
            enum: [...FAULT_TYPES],
            description: 'StopKubelet and PartitionNode and FillMemory target a node; CrashContainer a container of a pod; KillLeader the leading replica of a control-plane component.',
          },
          target: {
            type: 'object',
            properties: {
              node: { type: 'string' },
              namespace: { type: 'string' },
              pod: { type: 'string' },
              container: { type: 'string' },
              component: { type: 'string', enum: [...LEADER_ELECTED_COMPONENTS], description: 'KillLeader: the component whose leader is killed.' },
            },
          },
          exitCode: { type: 'integer', format: 'int32', minimum: 0, maximum: 255, description: 'CrashContainer: the exit code (default 1).' },
          memoryBytes: { type: 'integer', format: 'int64', minimum: 0, description: 'FillMemory: bytes in use on the node.' },
        },
      },
      status: {
        type: 'object',
        properties: {
          active: { type: 'boolean', description: 'Whether the fault is in effect now.' },
          target: { type: 'string', description: 'The target, as node/<name> or pod/<namespace>/<name>/<container>.' },
          observedGeneration: { type: 'integer', format: 'int64' },
          conditions: conditionsSchema,
        },
      },
    },
    [
      { name: 'Type', type: 'string', jsonPath: '.spec.type' },
      { name: 'Target', type: 'string', jsonPath: '.status.target' },
      { name: 'Active', type: 'boolean', jsonPath: '.status.active' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ],
  );
  return [clock, fault];
}
