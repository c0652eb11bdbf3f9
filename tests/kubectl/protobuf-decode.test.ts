/**
 * Oracle test for the protobuf request decoder: the real kubectl 1.32 talks to a tiny local HTTPS server that
 * captures the `application/vnd.kubernetes.protobuf` bodies its typed clients send. Each decoded body must equal
 * what the same command prints with `--dry-run=client -o json` — i.e. the JSON kubectl would have sent. No
 * normalization is applied: the decoder reproduces Go's encoding/json output of the decoded struct, including
 * `status: {}`, `resources: {}` and `creationTimestamp: null`. Commands without a dry-run (auth can-i, whoami,
 * create token) are compared with the object kubectl's source builds (cited per case).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProtobufObject } from '../../engine/apiserver/protobuf';

interface Captured {
  method: string;
  path: string;
  contentType: string | undefined;
  body: Buffer;
}

let dir = '';
let server: Server;
let kubeconfig = '';
const captured: Captured[] = [];

function selfSignedCert(): { key: string; cert: string } {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const attrs = [{ name: 'commonName', value: '127.0.0.1' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { key: forge.pki.privateKeyToPem(keys.privateKey), cert: forge.pki.certificateToPem(cert) };
}

const resource = (group: string, version: string, kind: string, plural: string, scope: 'Namespaced' | 'Cluster') => ({
  resource: plural,
  responseKind: { group, version, kind },
  scope,
  singularResource: kind.toLowerCase(),
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
});

/** Aggregated discovery (apidiscovery.k8s.io/v2): enough for the RESTMapper of `create role` and `auth can-i`. */
const discovery = {
  '/api': [
    {
      metadata: { name: '' },
      versions: [
        {
          version: 'v1',
          freshness: 'Current',
          resources: [
            resource('', 'v1', 'Pod', 'pods', 'Namespaced'),
            resource('', 'v1', 'ConfigMap', 'configmaps', 'Namespaced'),
            resource('', 'v1', 'Secret', 'secrets', 'Namespaced'),
            resource('', 'v1', 'Namespace', 'namespaces', 'Cluster'),
            resource('', 'v1', 'Node', 'nodes', 'Cluster'),
          ],
        },
      ],
    },
  ],
  '/apis': [
    { metadata: { name: 'apps' }, versions: [{ version: 'v1', freshness: 'Current', resources: [resource('apps', 'v1', 'Deployment', 'deployments', 'Namespaced')] }] },
    {
      metadata: { name: 'rbac.authorization.k8s.io' },
      versions: [{ version: 'v1', freshness: 'Current', resources: [resource('rbac.authorization.k8s.io', 'v1', 'Role', 'roles', 'Namespaced')] }],
    },
  ],
};

const drainNode = { kind: 'Node', apiVersion: 'v1', metadata: { name: 'n1', uid: 'u-n1', resourceVersion: '1' }, spec: {} };
const drainPod = {
  kind: 'Pod',
  apiVersion: 'v1',
  metadata: {
    name: 'p1',
    namespace: 'default',
    uid: 'u-p1',
    resourceVersion: '2',
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u-rs', controller: true }],
  },
  spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'busybox' }] },
  status: { phase: 'Running' },
};
let drainPodDeleted = false;

/** The 201 answer: the decoded object, with the status fields the commands print from. */
function echo(path: string, body: Buffer): unknown {
  const obj = decodeProtobufObject(new Uint8Array(body));
  if (path.endsWith('/selfsubjectaccessreviews')) return { ...obj, status: { allowed: true } };
  if (path.endsWith('/selfsubjectrulesreviews')) return { ...obj, status: { resourceRules: [], nonResourceRules: [], incomplete: false } };
  if (path.endsWith('/selfsubjectreviews')) return { ...obj, status: { userInfo: { username: 'tester' } } };
  if (path.endsWith('/token')) return { ...obj, status: { token: 'tok', expirationTimestamp: '2030-01-01T00:00:00Z' } };
  return obj;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'protobuf-oracle-'));
  const tls = selfSignedCert();
  await writeFile(join(dir, 'tls.crt'), tls.cert);
  await writeFile(join(dir, 'tls.key'), tls.key);
  await writeFile(join(dir, 'blob.bin'), Buffer.from([0, 1, 2, 0xfe, 0xff, 0x80]));
  server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      const send = (status: number, value: unknown, type = 'application/json') => {
        res.writeHead(status, { 'content-type': type });
        res.end(JSON.stringify(value));
      };
      if (path === '/version') return send(200, { major: '1', minor: '32', gitVersion: 'v1.32.4', platform: 'linux/amd64' });
      if (path === '/api' || path === '/apis') {
        const items = discovery[path];
        return send(200, { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items }, 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
      }
      // `kubectl drain n1`: one node with one ReplicaSet-owned pod. GET /api/v1 (legacy discovery) is a 404, so
      // drain finds no pods/eviction subresource and deletes the pod instead.
      if (path === '/api/v1/nodes/n1') return send(200, drainNode);
      if (path === '/api/v1/pods') return send(200, { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '3' }, items: drainPodDeleted ? [] : [drainPod] });
      if (path === '/api/v1/namespaces/default/pods/p1' && req.method === 'GET') {
        if (!drainPodDeleted) return send(200, drainPod);
        return send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'pods "p1" not found', reason: 'NotFound', details: { name: 'p1', kind: 'pods' }, code: 404 });
      }
      if (path === '/api/v1/namespaces/default/pods/p1' && req.method === 'DELETE') {
        captured.push({ method: req.method, path, contentType: req.headers['content-type'], body: Buffer.concat(chunks) });
        drainPodDeleted = true;
        return send(200, drainPod);
      }
      if (req.method === 'POST') {
        const body = Buffer.concat(chunks);
        captured.push({ method: req.method, path, contentType: req.headers['content-type'], body });
        try {
          return send(201, echo(path, body));
        } catch (err) {
          return send(400, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: String(err), reason: 'BadRequest', code: 400 });
        }
      }
      send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  kubeconfig = join(dir, 'kubeconfig');
  await writeFile(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: oracle\n  cluster:\n    server: https://127.0.0.1:${port}\n    insecure-skip-tls-verify: true`,
      'users:',
      '- name: oracle\n  user:\n    token: oracle-token',
      'contexts:',
      '- name: oracle\n  context:\n    cluster: oracle\n    user: oracle',
      'current-context: oracle',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

function kubectl(args: readonly string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(
      'kubectl',
      ['--kubeconfig', kubeconfig, ...args],
      { cwd: dir, env: { ...process.env, KUBECONFIG: '', HOME: dir }, timeout: 20_000 },
      (err, stdout, stderr) => resolve({ stdout, stderr, code: err ? (typeof err.code === 'number' ? err.code : 1) : 0 }),
    );
  });
}

/** Runs the command for real and returns the decoded protobuf body it POSTed. */
async function decodedBodyOf(args: readonly string[]): Promise<{ decoded: unknown; path: string }> {
  const before = captured.length;
  const run = await kubectl(args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const posts = captured.slice(before);
  expect(posts).toHaveLength(1);
  const post = posts[0] as Captured;
  expect(post.contentType).toBe('application/vnd.kubernetes.protobuf');
  return { decoded: decodeProtobufObject(new Uint8Array(post.body)), path: post.path };
}

const createCases: { name: string; args: string[]; path: string }[] = [
  { name: 'deployment', args: ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3', '--port=8080', '-n', 'ns1'], path: '/apis/apps/v1/namespaces/ns1/deployments' },
  { name: 'deployment with replicas 0 and two images', args: ['create', 'deployment', 'z', '--image=nginx', '--image=busybox', '--replicas=0'], path: '/apis/apps/v1/namespaces/default/deployments' },
  { name: 'configmap', args: ['create', 'configmap', 'c', '--from-literal=a=b', '--from-literal=x=y'], path: '/api/v1/namespaces/default/configmaps' },
  { name: 'configmap with binaryData', args: ['create', 'configmap', 'bin', '--from-file=blob.bin'], path: '/api/v1/namespaces/default/configmaps' },
  { name: 'secret generic', args: ['create', 'secret', 'generic', 's', '--from-literal=p=q', '--from-file=blob.bin'], path: '/api/v1/namespaces/default/secrets' },
  { name: 'secret tls', args: ['create', 'secret', 'tls', 't', '--cert=tls.crt', '--key=tls.key'], path: '/api/v1/namespaces/default/secrets' },
  { name: 'secret docker-registry', args: ['create', 'secret', 'docker-registry', 'reg', '--docker-username=u', '--docker-password=p', '--docker-server=r.example'], path: '/api/v1/namespaces/default/secrets' },
  { name: 'namespace', args: ['create', 'namespace', 'x'], path: '/api/v1/namespaces' },
  { name: 'job', args: ['create', 'job', 'j', '--image=busybox', '--', 'echo', 'hi'], path: '/apis/batch/v1/namespaces/default/jobs' },
  { name: 'cronjob', args: ['create', 'cronjob', 'cj', '--image=busybox', '--schedule=*/1 * * * *', '--restart=OnFailure', '--', 'date'], path: '/apis/batch/v1/namespaces/default/cronjobs' },
  { name: 'service clusterip', args: ['create', 'service', 'clusterip', 'my', '--tcp=5678:8080'], path: '/api/v1/namespaces/default/services' },
  { name: 'service nodeport', args: ['create', 'service', 'nodeport', 'np', '--tcp=80:http', '--node-port=30080'], path: '/api/v1/namespaces/default/services' },
  { name: 'service headless', args: ['create', 'service', 'clusterip', 'hl', '--clusterip=None'], path: '/api/v1/namespaces/default/services' },
  { name: 'serviceaccount', args: ['create', 'serviceaccount', 'sa'], path: '/api/v1/namespaces/default/serviceaccounts' },
  { name: 'role', args: ['create', 'role', 'r', '--verb=get,list', '--resource=pods,deployments.apps', '--resource-name=a'], path: '/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles' },
  { name: 'clusterrole', args: ['create', 'clusterrole', 'cr', '--verb=get', '--non-resource-url=/logs/*'], path: '/apis/rbac.authorization.k8s.io/v1/clusterroles' },
  { name: 'clusterrole aggregated', args: ['create', 'clusterrole', 'agg', '--aggregation-rule=rbac.example.com/aggregate=true'], path: '/apis/rbac.authorization.k8s.io/v1/clusterroles' },
  { name: 'rolebinding', args: ['create', 'rolebinding', 'rb', '--clusterrole=view', '--user=u1', '--serviceaccount=default:sa', '--group=g'], path: '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings' },
  { name: 'clusterrolebinding', args: ['create', 'clusterrolebinding', 'crb', '--clusterrole=view', '--group=g1'], path: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings' },
  { name: 'quota', args: ['create', 'quota', 'q', '--hard=cpu=1,pods=2,requests.memory=1Gi,limits.cpu=500m', '--scopes=NotBestEffort'], path: '/api/v1/namespaces/default/resourcequotas' },
  { name: 'priorityclass', args: ['create', 'priorityclass', 'pc', '--value=1000', '--description=d', '--preemption-policy=Never'], path: '/apis/scheduling.k8s.io/v1/priorityclasses' },
  { name: 'priorityclass global default, value 0', args: ['create', 'priorityclass', 'pc0', '--value=0', '--global-default'], path: '/apis/scheduling.k8s.io/v1/priorityclasses' },
  { name: 'poddisruptionbudget', args: ['create', 'poddisruptionbudget', 'pdb', '--selector=app=x', '--min-available=50%'], path: '/apis/policy/v1/namespaces/default/poddisruptionbudgets' },
  { name: 'poddisruptionbudget int', args: ['create', 'poddisruptionbudget', 'pdb2', '--selector=app in (x,y)', '--max-unavailable=1'], path: '/apis/policy/v1/namespaces/default/poddisruptionbudgets' },
];

describe('kubectl 1.32 protobuf bodies decode to the JSON kubectl would send', () => {
  for (const c of createCases) {
    it(`create ${c.name}`, async () => {
      // Flags go before the args: `--` ends flag parsing for job/cronjob commands.
      const dry = await kubectl([c.args[0] as string, '--dry-run=client', '-o', 'json', ...c.args.slice(1)]);
      expect(dry.code).toBe(0);
      const expected = JSON.parse(dry.stdout) as unknown;
      const { decoded, path } = await decodedBodyOf(c.args);
      expect(path).toBe(c.path);
      expect(decoded).toStrictEqual(expected);
    });
  }

  // kubectl pkg/cmd/auth/cani.go RunAccessCheck: ResourceAttributes{Namespace, Verb, Group, Resource, Subresource, Name};
  // empty strings are omitempty; status is a non-pointer struct whose `allowed` has no omitempty.
  it('auth can-i create pods', async () => {
    const { decoded, path } = await decodedBodyOf(['auth', 'can-i', 'create', 'pods']);
    expect(path).toBe('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews');
    expect(decoded).toStrictEqual({
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'pods' } },
      status: { allowed: false },
    });
  });

  it('auth can-i get deployments.apps/web --subresource=scale -n ns1', async () => {
    const { decoded } = await decodedBodyOf(['auth', 'can-i', 'get', 'deployments.apps/web', '--subresource=scale', '-n', 'ns1']);
    expect(decoded).toStrictEqual({
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { resourceAttributes: { namespace: 'ns1', verb: 'get', group: 'apps', resource: 'deployments', subresource: 'scale', name: 'web' } },
      status: { allowed: false },
    });
  });

  // RunAccessList: SelfSubjectRulesReview{Spec: {Namespace}}; SubjectRulesReviewStatus's rule slices and
  // `incomplete` carry no omitempty.
  it('auth can-i --list', async () => {
    const { decoded, path } = await decodedBodyOf(['auth', 'can-i', '--list']);
    expect(path).toBe('/apis/authorization.k8s.io/v1/selfsubjectrulesreviews');
    expect(decoded).toStrictEqual({
      kind: 'SelfSubjectRulesReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { namespace: 'default' },
      status: { resourceRules: null, nonResourceRules: null, incomplete: false },
    });
  });

  // pkg/cmd/auth/whoami.go: an empty SelfSubjectReview; status.userInfo is a non-pointer struct.
  it('auth whoami', async () => {
    const { decoded, path } = await decodedBodyOf(['auth', 'whoami']);
    expect(path).toBe('/apis/authentication.k8s.io/v1/selfsubjectreviews');
    expect(decoded).toStrictEqual({
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      status: { userInfo: {} },
    });
  });

  // pkg/cmd/create/create_token.go: Spec{Audiences, ExpirationSeconds from --duration}. TokenRequestSpec's
  // `audiences`, `expirationSeconds` (*int64) and `boundObjectRef` (pointer) carry no omitempty, so nil ones print
  // as null; status.token has none either, and status.expirationTimestamp is a non-pointer metav1.Time.
  it('create token with duration and audience', async () => {
    const { decoded, path } = await decodedBodyOf(['create', 'token', 'default', '--duration=10m', '--audience=a', '--audience=b']);
    expect(path).toBe('/api/v1/namespaces/default/serviceaccounts/default/token');
    expect(decoded).toStrictEqual({
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { audiences: ['a', 'b'], expirationSeconds: 600, boundObjectRef: null },
      status: { token: '', expirationTimestamp: null },
    });
  });

  // kubectl drain without a pods/eviction subresource deletes pods (k8s.io/kubectl/pkg/drain: deletePod with
  // DeleteOptions{GracePeriodSeconds: &gracePeriod} when --grace-period >= 0). The body is a v1 DeleteOptions.
  // (The eviction itself, when supported, is POSTed as JSON by kubectl 1.32.)
  it('drain, delete fallback: DeleteOptions', async () => {
    const before = captured.length;
    const run = await kubectl(['drain', 'n1', '--grace-period=5', '--timeout=15s']);
    expect(run.stdout).toContain('node/n1 drained');
    const deletes = captured.slice(before).filter((c) => c.method === 'DELETE');
    expect(deletes).toHaveLength(1);
    const del = deletes[0] as Captured;
    expect(del.contentType).toBe('application/vnd.kubernetes.protobuf');
    expect(decodeProtobufObject(new Uint8Array(del.body))).toStrictEqual({ kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 5 });
  });

  it('create token without flags', async () => {
    const { decoded } = await decodedBodyOf(['create', 'token', 'sa']);
    expect(decoded).toStrictEqual({
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { audiences: null, expirationSeconds: null, boundObjectRef: null },
      status: { token: '', expirationTimestamp: null },
    });
  });
});
