/**
 * Create-only review kinds: authorization.k8s.io access/rules reviews (`kubectl auth can-i`),
 * authentication.k8s.io SelfSubjectReview (`kubectl auth whoami`), and ServiceAccount TokenRequests.
 * The lab has one principal, the learner, in group system:masters: RBAC's superuser group allows everything.
 */
import { deepCopy, type KubeObject } from '../../api/objects';
import { base64Encode } from '../../base/base64';
import { rfc3339 } from '../../base/clock';
import { fieldError } from '../errors/field-errors';
import { apiErrors } from '../errors/status-error';
import type { ApiRequest, ApiResponse } from '../handler-types';
import { randomString } from '../registry/object-identity';
import type { ResourceRequestInfo } from '../request/request-info';
import { decodeRequestObject } from '../request/content-negotiation';
import type { ResourceInfo } from '../resources/resource-catalog';
import type { ServerContext } from '../server-context';
import { jsonResponse } from './response';

const SUPERUSER_REASON = '';

function isSuperuser(req: ApiRequest): boolean {
  return req.user.groups.includes('system:masters');
}

export function handleReview(info: ResourceInfo, req: ApiRequest): ApiResponse {
  const body = decodeRequestObject(req, { apiVersion: `${info.group}/${info.version}`, kind: info.kind });
  const review = deepCopy(body) as KubeObject;
  review.apiVersion = `${info.group}/${info.version}`;
  review.kind = info.kind;
  review.metadata = { creationTimestamp: null as unknown as string };
  const allowed = isSuperuser(req);
  switch (info.kind) {
    case 'SelfSubjectAccessReview':
    case 'SubjectAccessReview': {
      const spec = (review['spec'] ?? {}) as { resourceAttributes?: unknown; nonResourceAttributes?: unknown };
      if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
        throw apiErrors.invalid({ group: info.group, kind: info.kind }, '', [
          fieldError.invalid('spec.resourceAttributes', null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified'),
        ]);
      }
      review['status'] = allowed ? { allowed: true, ...(SUPERUSER_REASON ? { reason: SUPERUSER_REASON } : {}) } : { allowed: false };
      break;
    }
    case 'SelfSubjectRulesReview':
      review['status'] = allowed
        ? {
            resourceRules: [
              { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
              { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
            ],
            nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
            incomplete: false,
          }
        : { resourceRules: [], nonResourceRules: [], incomplete: false };
      break;
    case 'TokenReview':
      // The lab authenticates one bearer token at its HTTPS endpoint and signs no ServiceAccount tokens, so a
      // review can vouch for nothing: the answer is upstream's for an unknown token.
      review['status'] = { user: {}, error: '[invalid bearer token, token lookup failed]' };
      break;
    case 'SelfSubjectReview':
      review['status'] = { userInfo: { username: req.user.name, ...(req.user.uid ? { uid: req.user.uid } : {}), groups: [...req.user.groups] } };
      break;
  }
  return jsonResponse(201, review);
}

const DEFAULT_TOKEN_SECONDS = 3600;

/** POST serviceaccounts/{name}/token: a TokenRequest answered with a JWT-shaped bound token. */
export async function handleTokenRequest(ctx: ServerContext, saInfo: ResourceInfo, ri: ResourceRequestInfo, req: ApiRequest): Promise<ApiResponse> {
  const sa = await ctx.registry(saInfo).get(ri.namespace, ri.name);
  const body = decodeRequestObject(req, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest' });
  const spec = (body['spec'] ?? {}) as { audiences?: string[]; expirationSeconds?: number; boundObjectRef?: { kind?: string; name?: string; uid?: string } };
  const seconds = spec.expirationSeconds ?? DEFAULT_TOKEN_SECONDS;
  if (seconds < 600) {
    throw apiErrors.invalid({ group: 'authentication.k8s.io', kind: 'TokenRequest' }, '', [fieldError.invalid('spec.expirationSeconds', seconds, 'may not specify a duration less than 10 minutes')]);
  }
  const now = ctx.clock.now();
  const audiences = spec.audiences && spec.audiences.length > 0 ? spec.audiences : ['https://kubernetes.default.svc.cluster.local'];
  const claims = {
    aud: audiences,
    exp: Math.floor(now / 1000) + seconds,
    iat: Math.floor(now / 1000),
    iss: 'https://kubernetes.default.svc.cluster.local',
    jti: randomString(ctx.clock.random, 16),
    'kubernetes.io': { namespace: ri.namespace, serviceaccount: { name: ri.name, uid: sa.metadata?.uid } },
    nbf: Math.floor(now / 1000),
    sub: `system:serviceaccount:${ri.namespace}:${ri.name}`,
  };
  // The lab signs nothing (no keys in the engine core); the token is well-formed for clients that decode it.
  const b64url = (s: string) => base64Encode(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const token = `${b64url(JSON.stringify({ alg: 'none', kid: 'cluster-lab' }))}.${b64url(JSON.stringify(claims))}.`;
  return jsonResponse(201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name: ri.name, namespace: ri.namespace, creationTimestamp: rfc3339(now) },
    spec: { audiences, expirationSeconds: seconds, boundObjectRef: spec.boundObjectRef ?? null },
    status: { token, expirationTimestamp: rfc3339(now + seconds * 1000) },
  });
}
