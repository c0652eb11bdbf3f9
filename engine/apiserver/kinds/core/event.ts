/**
 * Events: core/v1 Event and events.k8s.io/v1 Event share one internal type upstream; ValidateEventCreate /
 * ValidateEventUpdate (1.32) branch on the request's group version. core/v1 gets only the legacy checks
 * (and no ObjectMeta validation at all), events.k8s.io/v1 the strict ones. Field paths are the internal
 * type's names (`involvedObject`, `message`…) even for events.k8s.io/v1, exactly as upstream reports them.
 * No status, no generation.
 */
import type { Event as CoreEvent } from 'kubernetes-types/core/v1';
import type { Event as EventsV1Event } from 'kubernetes-types/events/v1';
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { byteLength, isDNS1123Subdomain, isQualifiedName, semanticDeepEqual, validateImmutableField } from '../../validation';

type CoreEv = CoreEvent & KubeObject;
type V1Ev = EventsV1Event & KubeObject;

const REPORTING_INSTANCE_LENGTH_LIMIT = 128;
const ACTION_LENGTH_LIMIT = 128;
const REASON_LENGTH_LIMIT = 128;
const NOTE_LENGTH_LIMIT = 1024;

/** The internal core.Event fields validation reads, from either wire form. */
interface InternalEvent {
  namespace: string;
  involvedNamespace: string;
  eventTime: string;
  reportingController: string;
  reportingInstance: string;
  action: string;
  reason: string;
  message: string;
  type: string;
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  sourceComponent: string;
  sourceHost: string;
  series: { count?: number; lastObservedTime?: string } | undefined;
  involvedObject: unknown;
  related: unknown;
}

function fromCore(e: CoreEv): InternalEvent {
  return {
    namespace: e.metadata?.namespace ?? '',
    involvedNamespace: e.involvedObject?.namespace ?? '',
    eventTime: e.eventTime ?? '',
    reportingController: e.reportingComponent ?? '',
    reportingInstance: e.reportingInstance ?? '',
    action: e.action ?? '',
    reason: e.reason ?? '',
    message: e.message ?? '',
    type: e.type ?? '',
    firstTimestamp: e.firstTimestamp ?? '',
    lastTimestamp: e.lastTimestamp ?? '',
    count: e.count ?? 0,
    sourceComponent: e.source?.component ?? '',
    sourceHost: e.source?.host ?? '',
    series: e.series,
    involvedObject: e.involvedObject,
    related: e.related,
  };
}

function fromEventsV1(e: V1Ev): InternalEvent {
  return {
    namespace: e.metadata?.namespace ?? '',
    involvedNamespace: e.regarding?.namespace ?? '',
    eventTime: e.eventTime ?? '',
    reportingController: e.reportingController ?? '',
    reportingInstance: e.reportingInstance ?? '',
    action: e.action ?? '',
    reason: e.reason ?? '',
    message: e.note ?? '',
    type: e.type ?? '',
    firstTimestamp: e.deprecatedFirstTimestamp ?? '',
    lastTimestamp: e.deprecatedLastTimestamp ?? '',
    count: e.deprecatedCount ?? 0,
    sourceComponent: e.deprecatedSource?.component ?? '',
    sourceHost: e.deprecatedSource?.host ?? '',
    series: e.series,
    involvedObject: e.regarding,
    related: e.related,
  };
}

const mismatch = (e: InternalEvent): FieldError =>
  fieldError.invalid(FieldPath.of('involvedObject', 'namespace'), e.involvedNamespace, 'does not match event.namespace');

function legacyValidate(e: InternalEvent, isCoreV1: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const controllerField = isCoreV1 ? 'source' : 'reportingController';
  if (e.eventTime === '') {
    // Old-style events: the namespaces must agree ("default" tolerated for old clients).
    if (e.involvedNamespace === '') {
      if (e.namespace !== '' && e.namespace !== 'default') errs.push(mismatch(e));
    } else if (e.namespace !== e.involvedNamespace) errs.push(mismatch(e));
  } else {
    if (e.involvedNamespace === '' && e.namespace !== 'default' && e.namespace !== 'kube-system') errs.push(mismatch(e));
    if (e.reportingController === '') errs.push(fieldError.required(controllerField));
    for (const m of isQualifiedName(e.reportingController)) errs.push(fieldError.invalid(controllerField, e.reportingController, m));
    if (e.reportingInstance === '') errs.push(fieldError.required('reportingInstance'));
    if (byteLength(e.reportingInstance) > REPORTING_INSTANCE_LENGTH_LIMIT) {
      errs.push(fieldError.invalid('reportingInstance', '', `can have at most ${REPORTING_INSTANCE_LENGTH_LIMIT} characters`));
    }
    if (e.action === '') errs.push(fieldError.required('action'));
    if (byteLength(e.action) > ACTION_LENGTH_LIMIT) errs.push(fieldError.invalid('action', '', `can have at most ${ACTION_LENGTH_LIMIT} characters`));
    if (e.reason === '') errs.push(fieldError.required('reason'));
    if (byteLength(e.reason) > REASON_LENGTH_LIMIT) errs.push(fieldError.invalid('reason', '', `can have at most ${REASON_LENGTH_LIMIT} characters`));
    if (byteLength(e.message) > NOTE_LENGTH_LIMIT) errs.push(fieldError.invalid('message', '', `can have at most ${NOTE_LENGTH_LIMIT} characters`));
  }
  for (const m of isDNS1123Subdomain(e.namespace)) errs.push(fieldError.invalid('namespace', e.namespace, m));
  return errs;
}

function validateSeries(e: InternalEvent): FieldError[] {
  if (e.series === undefined) return [];
  const errs: FieldError[] = [];
  if ((e.series.count ?? 0) < 2) errs.push(fieldError.invalid('series.count', '', 'should be at least 2'));
  if (!e.series.lastObservedTime) errs.push(fieldError.required('series.lastObservedTime'));
  return errs;
}

function strictValidate(e: InternalEvent): FieldError[] {
  const errs = validateSeries(e);
  if (e.eventTime === '') errs.push(fieldError.required('eventTime'));
  if (e.type !== 'Normal' && e.type !== 'Warning') errs.push(fieldError.invalid('type', '', `has invalid value: ${e.type}`));
  if (e.firstTimestamp !== '') errs.push(fieldError.invalid('firstTimestamp', '', 'needs to be unset'));
  if (e.lastTimestamp !== '') errs.push(fieldError.invalid('lastTimestamp', '', 'needs to be unset'));
  if (e.count !== 0) errs.push(fieldError.invalid('count', '', 'needs to be unset'));
  if (e.sourceComponent !== '' || e.sourceHost !== '') errs.push(fieldError.invalid('source', '', 'needs to be unset'));
  return errs;
}

function strictValidateUpdate(e: InternalEvent, old: InternalEvent): FieldError[] {
  const errs: FieldError[] = [];
  if (!semanticDeepEqual(e.series, old.series)) errs.push(...validateSeries(e));
  const immutable: Array<[unknown, unknown, string]> = [
    [e.involvedObject, old.involvedObject, 'involvedObject'],
    [e.reason, old.reason, 'reason'],
    [e.message, old.message, 'message'],
    [{ component: e.sourceComponent, host: e.sourceHost }, { component: old.sourceComponent, host: old.sourceHost }, 'source'],
    [e.firstTimestamp, old.firstTimestamp, 'firstTimestamp'],
    [e.lastTimestamp, old.lastTimestamp, 'lastTimestamp'],
    [e.count, old.count, 'count'],
    [e.reason, old.reason, 'reason'],
    [e.type, old.type, 'type'],
    [e.eventTime, old.eventTime, 'eventTime'],
    [e.action, old.action, 'action'],
    [e.related, old.related, 'related'],
    [e.reportingController, old.reportingController, 'reportingController'],
    [e.reportingInstance, old.reportingInstance, 'reportingInstance'],
  ];
  for (const [next, prev, path] of immutable) errs.push(...validateImmutableField(next, prev, FieldPath.of(path)));
  return errs;
}

export const coreEventStrategy: KindStrategy<CoreEv> = {
  validate: (e) => legacyValidate(fromCore(e), true),
  validateUpdate: (e) => legacyValidate(fromCore(e), true),
};

export const eventsV1EventStrategy: KindStrategy<V1Ev> = {
  validate(e) {
    const internal = fromEventsV1(e);
    return [...legacyValidate(internal, false), ...strictValidate(internal)];
  },
  validateUpdate(e, old) {
    const internal = fromEventsV1(e);
    return [...legacyValidate(internal, false), ...strictValidateUpdate(internal, fromEventsV1(old))];
  },
};
