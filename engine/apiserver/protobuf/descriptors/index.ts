/** Every message descriptor, keyed like `core.v1.PodSpec`, built once from the per-package tables. */
import { toMessageDescriptor, type MessageDescriptor, type MessageTable } from '../descriptor-types';
import { appsV1 } from './apps-v1';
import { authenticationV1 } from './authentication-v1';
import { authorizationV1 } from './authorization-v1';
import { batchV1 } from './batch-v1';
import { coreV1 } from './core-v1';
import { metaV1 } from './meta-v1';
import { policyV1 } from './policy-v1';
import { rbacV1 } from './rbac-v1';
import { schedulingV1 } from './scheduling-v1';

export const messageTables: readonly MessageTable[] = [metaV1, coreV1, appsV1, batchV1, rbacV1, schedulingV1, policyV1, authorizationV1, authenticationV1];

export const messages: ReadonlyMap<string, MessageDescriptor> = new Map(
  messageTables.flatMap((table) => Object.entries(table).map(([key, rows]) => [key, toMessageDescriptor(key, rows)] as const)),
);
