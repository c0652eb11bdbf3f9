/**
 * pkg/controller/util/node's event helpers: both name the Node by a hand-built reference (no resourceVersion);
 * `RecordNodeEvent` words it "Node <name> event: <text>", `RecordNodeStatusChange` "Node <name> status is now: <status>"
 * with the status as the reason.
 */
import type { KubeObject } from '../../api/objects';
import type { LegacyEventRecorder, ObjectReference } from '../../client/event-recorder';

function nodeRef(name: string, uid: string | undefined): ObjectReference {
  const ref: ObjectReference = { kind: 'Node', apiVersion: 'v1', name };
  if (uid) ref.uid = uid;
  return ref;
}

export function recordNodeEvent(recorder: LegacyEventRecorder, node: KubeObject, reason: string, text: string): Promise<void> {
  const name = node.metadata?.name ?? '';
  return recorder.event(nodeRef(name, node.metadata?.uid), 'Normal', reason, `Node ${name} event: ${text}`);
}

export function recordNodeStatusChange(recorder: LegacyEventRecorder, node: KubeObject, newStatus: string): Promise<void> {
  const name = node.metadata?.name ?? '';
  return recorder.event(nodeRef(name, node.metadata?.uid), 'Normal', newStatus, `Node ${name} status is now: ${newStatus}`);
}
