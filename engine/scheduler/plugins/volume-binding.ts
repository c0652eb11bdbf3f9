/**
 * VolumeBinding (plugins/volumebinding, 1.32), scheduling side: which nodes the pod's PersistentVolumeClaims allow.
 * PreFilter (Skip without claims), UnschedulableAndUnresolvable when a claim is missing
 * (`persistentvolumeclaim "<name>" not found`), lost (bound to a PV that is gone), being deleted (`persistentvolumeclaim "<name>" is being deleted`),
 * an ephemeral volume's claim is not there yet / not the pod's, or an Immediate claim is still unbound
 * (`pod has unbound immediate PersistentVolumeClaims`). Local PVs bound to the pod's claims narrow the node set.
 * Filter (all UnschedulableAndUnresolvable):
 *  - a bound claim's PV is gone → `node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)`;
 *    its required node affinity excludes the node → `node(s) had volume node affinity conflict`;
 *  - a WaitForFirstConsumer claim needs an available PV that fits on the node (class, access modes, volume mode,
 *    size, selector, node affinity; the smallest wins) or a provisioner whose allowedTopologies admit the node;
 *    a claim already provisioned for another node (`volume.kubernetes.io/selected-node`) excludes this one
 *    → `node(s) didn't find available persistent volumes to bind`.
 *  The node's decision (static bindings, claims to provision) is recorded in the cycle state.
 * Reserve keeps the chosen node's decision; PreBind (BindPodVolumes) writes it — a statically matched PV gets the
 * claim in spec.claimRef, a claim to provision gets `volume.kubernetes.io/selected-node` — and then waits, polling
 * each second up to bindTimeoutSeconds (600), until every claim is bound by the PV controller and provisioner.
 */
import type { KubeObject } from '../../api/objects';
import { claimClassOf, claimSpec, findMatchingVolume, storageBytes, volumeFitsNode, volumeSpec } from '../../controllers/volume/volume-matching';
import {
  Status,
  type ClusterEvent,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  type Handle,
  type NodeInfo,
  type PreBindPlugin,
  type PreFilterPlugin,
  type PreFilterResult,
  type ReservePlugin,
} from '../framework/interface';

export const VolumeBindingName = 'VolumeBinding';

export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

const STATE_KEY = 'PreFilter' + VolumeBindingName;
const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

/** What the pod's volumes need on a node. */
export interface PodVolumes {
  /** PV chosen for each WaitForFirstConsumer claim matched statically. */
  staticBindings: Array<{ claim: KubeObject; pv: KubeObject }>;
  /** Claims to be provisioned on this node. */
  dynamicProvisions: KubeObject[];
}

class VolumeBindingState {
  /** Node name → its decision, written by Filter. */
  readonly podVolumesByNode = new Map<string, PodVolumes>();
  /** The decision Reserve kept for the chosen node. */
  assumed: PodVolumes | undefined;
  constructor(
    readonly boundClaims: KubeObject[],
    readonly delayedClaims: KubeObject[],
  ) {}
  clone(): VolumeBindingState {
    return this;
  }
}

/** util.GetLocalPersistentVolumeNodeNames: the hostnames a local PV's node affinity pins it to. */
function localPVNodeNames(pv: KubeObject): string[] {
  const spec = volumeSpec(pv);
  if (!spec.local) return [];
  const names: string[] = [];
  for (const t of spec.nodeAffinity?.required?.nodeSelectorTerms ?? []) {
    for (const e of t.matchExpressions ?? []) if (e.key === 'kubernetes.io/hostname' && e.operator === 'In') names.push(...(e.values ?? []));
  }
  return names;
}

/** v1helper.MatchTopologySelectorTerms over a StorageClass's allowedTopologies (none = anywhere). */
function allowedTopologiesMatch(terms: Array<{ matchLabelExpressions?: Array<{ key: string; values?: string[] }> }> | undefined, labels: Record<string, string>): boolean {
  if (!terms || terms.length === 0) return true;
  return terms.some((t) => (t.matchLabelExpressions ?? []).every((e) => labels[e.key] !== undefined && (e.values ?? []).includes(labels[e.key] as string)));
}

/** VolumeBindingArgs.bindTimeoutSeconds default, and the poll interval of the wait. */
const BIND_TIMEOUT_MS = 600_000;
const BIND_POLL_MS = 1_000;
const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims' } as const;
const PVS = { group: '', version: 'v1', resource: 'persistentvolumes' } as const;

/** BindPodVolumes' API writes: claimRef on statically matched PVs, selected-node on claims to provision. */
async function writeBindings(handle: Handle, decision: PodVolumes, nodeName: string): Promise<void> {
  const client = handle.client;
  if (!client) throw new Error('VolumeBinding needs the scheduler client to bind volumes');
  for (const { claim, pv } of decision.staticBindings) {
    const ref = { kind: 'PersistentVolumeClaim', namespace: claim.metadata?.namespace, name: claim.metadata?.name, uid: claim.metadata?.uid, apiVersion: 'v1', resourceVersion: claim.metadata?.resourceVersion };
    await client.patch({ ...PVS, name: pv.metadata?.name }, 'merge', { metadata: { annotations: { 'pv.kubernetes.io/bound-by-controller': 'yes' } }, spec: { claimRef: ref } });
  }
  for (const claim of decision.dynamicProvisions) {
    await client.patch({ ...PVCS, namespace: claim.metadata?.namespace, name: claim.metadata?.name }, 'merge', { metadata: { annotations: { [ANN_SELECTED_NODE]: nodeName } } });
  }
}

/** checkBindings: every claim of the decision has a volume and the bind-completed annotation. */
async function allBound(handle: Handle, claims: KubeObject[]): Promise<boolean> {
  for (const c of claims) {
    const fresh = await handle.client!.get({ ...PVCS, namespace: c.metadata?.namespace, name: c.metadata?.name });
    if (!claimSpec(fresh).volumeName || (fresh['status'] as { phase?: string } | undefined)?.phase !== 'Bound') return false;
  }
  return true;
}

export function newVolumeBinding(_args: Record<string, unknown> | undefined, handle: Handle): PreFilterPlugin & FilterPlugin & ReservePlugin & PreBindPlugin & EnqueueExtensions {
  return {
    reserve(state: CycleState, _pod: KubeObject, nodeName: string): Status {
      const s = state.read<VolumeBindingState>(STATE_KEY);
      if (s) s.assumed = s.podVolumesByNode.get(nodeName);
      return Status.success();
    },
    unreserve(state: CycleState): void {
      const s = state.read<VolumeBindingState>(STATE_KEY);
      if (s) s.assumed = undefined;
    },
    async preBind(state: CycleState, _pod: KubeObject, nodeName: string): Promise<Status> {
      const s = state.read<VolumeBindingState>(STATE_KEY);
      const decision = s?.assumed;
      if (!decision || (decision.staticBindings.length === 0 && decision.dynamicProvisions.length === 0)) return Status.success();
      try {
        await writeBindings(handle, decision, nodeName);
        const claims = [...decision.staticBindings.map((b) => b.claim), ...decision.dynamicProvisions];
        const deadline = handle.clock.now() + BIND_TIMEOUT_MS;
        while (!(await allBound(handle, claims))) {
          if (handle.clock.now() >= deadline) return new Status('Error', ['binding volumes: context deadline exceeded']);
          await new Promise<void>((resolve) => handle.clock.setTimer(BIND_POLL_MS, resolve));
        }
        return Status.success();
      } catch (err) {
        return new Status('Error', [`binding volumes: ${err instanceof Error ? err.message : String(err)}`]);
      }
    },
    name: VolumeBindingName,
    eventsToRegister(): ClusterEvent[] {
      return [
        { resource: 'StorageClass', action: 'Add' },
        { resource: 'StorageClass', action: 'Update' },
        { resource: 'PersistentVolumeClaim', action: 'Add' },
        { resource: 'PersistentVolumeClaim', action: 'Update' },
        { resource: 'PersistentVolume', action: 'Add' },
        { resource: 'PersistentVolume', action: 'Update' },
        { resource: 'Node', action: 'Add' },
        { resource: 'Node', action: 'UpdateNodeLabel' },
      ];
    },
    preFilter(state: CycleState, pod: KubeObject): { result?: PreFilterResult; status: Status } {
      const volumes = (pod['spec'] as { volumes?: Array<{ name: string; persistentVolumeClaim?: { claimName: string }; ephemeral?: unknown }> } | undefined)?.volumes ?? [];
      const wanted: Array<{ claimName: string; ephemeral: boolean }> = [];
      for (const v of volumes) {
        if (v.persistentVolumeClaim) wanted.push({ claimName: v.persistentVolumeClaim.claimName, ephemeral: false });
        else if (v.ephemeral) wanted.push({ claimName: `${pod.metadata?.name ?? ''}-${v.name}`, ephemeral: true });
      }
      if (wanted.length === 0) return { status: new Status('Skip') };
      const snapshot = handle.snapshot();
      const ns = pod.metadata?.namespace ?? '';
      const pvcs = snapshot.objects('PersistentVolumeClaim');
      const classes = snapshot.objects('StorageClass');
      const bound: KubeObject[] = [];
      const delayed: KubeObject[] = [];
      let immediateUnbound = false;
      for (const w of wanted) {
        const pvc = pvcs.find((c) => c.metadata?.namespace === ns && c.metadata?.name === w.claimName);
        if (!pvc) {
          const msg = w.ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${w.claimName}"` : `persistentvolumeclaim "${w.claimName}" not found`;
          return { status: new Status('UnschedulableAndUnresolvable', [msg]) };
        }
        if ((pvc['status'] as { phase?: string } | undefined)?.phase === 'Lost') {
          return { status: new Status('UnschedulableAndUnresolvable', [`persistentvolumeclaim "${w.claimName}" bound to non-existent persistentvolume "${claimSpec(pvc).volumeName ?? ''}"`]) };
        }
        if (pvc.metadata?.deletionTimestamp) return { status: new Status('UnschedulableAndUnresolvable', [`persistentvolumeclaim "${w.claimName}" is being deleted`]) };
        if (w.ephemeral && !(pvc.metadata?.ownerReferences ?? []).some((o) => o.controller === true && o.uid === pod.metadata?.uid)) {
          return { status: new Status('UnschedulableAndUnresolvable', [`PVC ${ns}/${w.claimName} was not created for pod ${ns}/${pod.metadata?.name ?? ''} (pod is not owner)`]) };
        }
        if (claimSpec(pvc).volumeName) {
          bound.push(pvc);
          continue;
        }
        const klass = claimClassOf(pvc);
        const sc = klass ? classes.find((c) => c.metadata?.name === klass) : undefined;
        if ((sc as { volumeBindingMode?: string } | undefined)?.volumeBindingMode === 'WaitForFirstConsumer') delayed.push(pvc);
        else immediateUnbound = true;
      }
      if (immediateUnbound) return { status: new Status('UnschedulableAndUnresolvable', [ERR_UNBOUND_IMMEDIATE]) };
      state.write(STATE_KEY, new VolumeBindingState(bound, delayed));
      // GetEligibleNodes: bound local PVs pin the pod to their nodes.
      const pvs = snapshot.objects('PersistentVolume');
      let eligible: Set<string> | undefined;
      for (const pvc of bound) {
        const pv = pvs.find((p) => p.metadata?.name === claimSpec(pvc).volumeName);
        if (!pv) return { status: Status.success() };
        const names = localPVNodeNames(pv);
        if (names.length === 0) continue;
        eligible = eligible ? new Set(names.filter((n) => eligible?.has(n))) : new Set(names);
      }
      return { result: eligible ? { nodeNames: eligible } : undefined, status: Status.success() };
    },
    filter(state: CycleState, _pod: KubeObject, nodeInfo: NodeInfo): Status {
      const s = state.read<VolumeBindingState>(STATE_KEY);
      if (!s) return new Status('Error', [`error reading "${STATE_KEY}" from cycleState: not found`]);
      const snapshot = handle.snapshot();
      const pvs = snapshot.objects('PersistentVolume');
      const node = nodeInfo.node;
      const reasons: string[] = [];
      for (const pvc of s.boundClaims) {
        const pv = pvs.find((p) => p.metadata?.name === claimSpec(pvc).volumeName);
        if (!pv) return new Status('UnschedulableAndUnresolvable', [ERR_REASON_PV_NOT_EXIST]);
        if (!volumeFitsNode(pv, node)) {
          reasons.push(ERR_REASON_NODE_CONFLICT);
          break;
        }
      }
      const decision: PodVolumes = { staticBindings: [], dynamicProvisions: [] };
      let unboundSatisfied = true;
      const chosen = new Set<string>();
      const classes = snapshot.objects('StorageClass');
      // Smaller requests pick first, so a large PV is not taken by a small claim (FindPodVolumes sorts them).
      const claims = [...s.delayedClaims].sort((a, b) => storageBytes(claimSpec(a).resources?.requests?.storage) - storageBytes(claimSpec(b).resources?.requests?.storage));
      for (const pvc of claims) {
        const selected = pvc.metadata?.annotations?.[ANN_SELECTED_NODE];
        if (selected !== undefined && selected !== nodeInfo.name) {
          unboundSatisfied = false;
          break;
        }
        const pv = selected === undefined ? findMatchingVolume(pvc, pvs, node, chosen) : undefined;
        if (pv) {
          chosen.add(pv.metadata?.name ?? '');
          decision.staticBindings.push({ claim: pvc, pv });
          continue;
        }
        const sc = classes.find((c) => c.metadata?.name === claimClassOf(pvc)) as
          | (KubeObject & { provisioner?: string; allowedTopologies?: Array<{ matchLabelExpressions?: Array<{ key: string; values?: string[] }> }> })
          | undefined;
        if (!sc || !sc.provisioner || sc.provisioner === NO_PROVISIONER || !allowedTopologiesMatch(sc.allowedTopologies, node.metadata?.labels ?? {})) {
          unboundSatisfied = false;
          break;
        }
        decision.dynamicProvisions.push(pvc);
      }
      if (!unboundSatisfied) reasons.push(ERR_REASON_BIND_CONFLICT);
      if (reasons.length > 0) return new Status('UnschedulableAndUnresolvable', reasons);
      s.podVolumesByNode.set(nodeInfo.name, decision);
      return Status.success();
    },
  };
}
