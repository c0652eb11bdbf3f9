/**
 * Wire layout of the k8s.io/api/authentication/v1 messages reachable from the kinds Cluster Lab decodes from protobuf,
 * as of Kubernetes 1.32 (v0.32.x): field numbers from the generated protobuf, JSON names, pointer-ness and
 * omitempty from the Go struct tags. Rows are in Go struct order, which is the order Go's JSON encoder emits.
 */
import type { MessageTable } from '../descriptor-types';

export const authenticationV1: MessageTable = {
  'authentication.v1.BoundObjectReference': [
    [1, 'kind', 'string', 'o'],
    [2, 'apiVersion', 'string', 'o', 'APIVersion'],
    [3, 'name', 'string', 'o'],
    [4, 'uid', 'string', 'o', 'UID'],
  ],
  'authentication.v1.SelfSubjectReview': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 'o', 'ObjectMeta'],
    [2, 'status', 'authentication.v1.SelfSubjectReviewStatus', 'o'],
  ],
  'authentication.v1.SelfSubjectReviewStatus': [
    [1, 'userInfo', 'authentication.v1.UserInfo', 'o'],
  ],
  'authentication.v1.TokenRequest': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 'o', 'ObjectMeta'],
    [2, 'spec', 'authentication.v1.TokenRequestSpec', ''],
    [3, 'status', 'authentication.v1.TokenRequestStatus', 'o'],
  ],
  'authentication.v1.TokenRequestSpec': [
    [1, 'audiences', 'string', 'r'],
    [4, 'expirationSeconds', 'int64', 'p'],
    [3, 'boundObjectRef', 'authentication.v1.BoundObjectReference', 'p'],
  ],
  'authentication.v1.TokenRequestStatus': [
    [1, 'token', 'string', ''],
    [2, 'expirationTimestamp', 'Time', ''],
  ],
  'authentication.v1.UserInfo': [
    [1, 'username', 'string', 'o'],
    [2, 'uid', 'string', 'o', 'UID'],
    [3, 'groups', 'string', 'ro'],
    [4, 'extra', 'StringList', 'mo'],
  ],
};
