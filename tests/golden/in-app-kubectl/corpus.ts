/**
 * The commands the in-app kubectl must answer exactly as real kubectl 1.32 does against the same lab
 * (tests/kubectl/in-app-golden.test.ts). Each entry runs with real kubectl first, then with the in-app one.
 *
 * - `{x}` makes a twin: real kubectl sees `r`, the in-app kubectl `i` (same length, so columns align); the in-app
 *   output is compared after mapping its twin words back to the real ones. Creations use twins.
 * - `undo` runs with real kubectl between the two, restoring the state the real command changed, so the in-app
 *   command meets the same state (label/scale/patch of shared objects).
 * - `stdin` names a fixture in tests/kubectl/fixtures fed to `-f -`.
 * - `setup` entries run only with real kubectl, to prepare state (nothing is compared).
 */
export interface CorpusEntry {
  cmd: string;
  undo?: string;
  stdin?: string;
  setup?: true;
}

export const CORPUS: CorpusEntry[] = [
  // Discovery and information
  { cmd: 'version' },
  { cmd: 'version --client' },
  { cmd: 'api-versions' },
  { cmd: 'api-resources' },
  { cmd: 'api-resources -o wide' },
  { cmd: 'api-resources --namespaced=false' },
  { cmd: 'api-resources -o name --api-group=apps' },
  { cmd: 'cluster-info' },
  { cmd: 'config current-context' },
  { cmd: 'auth can-i create pods' },
  { cmd: 'auth can-i delete nodes --all-namespaces' },
  { cmd: 'auth can-i list widgets' },

  // explain from the served OpenAPI v3
  { cmd: 'explain pod.spec.containers' },
  { cmd: 'explain service.spec' },
  { cmd: 'explain deploy.spec.replicas' },
  { cmd: 'explain configmap' },
  { cmd: 'explain crd.spec.versions' },
  { cmd: 'explain pods.nope' },
  { cmd: 'explain widgets' },

  // get: tables, formats, selectors, sorting
  { cmd: 'get namespaces' },
  { cmd: 'get ns --field-selector=metadata.name=shop' },
  { cmd: 'get nodes' },
  { cmd: 'get nodes -o wide' },
  { cmd: 'get nodes -l topology.kubernetes.io/zone=zone-b' },
  { cmd: 'get nodes -L topology.kubernetes.io/zone' },
  { cmd: `get nodes -o jsonpath='{range .items[*]}{.metadata.name}{"\\n"}{end}'` },
  { cmd: 'get deployments -n shop' },
  { cmd: 'get deploy -n shop -o wide' },
  { cmd: 'get services -n shop -o wide' },
  { cmd: 'get configmap web-config -n shop -o yaml' },
  { cmd: 'get secret web-secret -n shop -o json' },
  { cmd: 'get all -n shop' },
  { cmd: 'get all -n shop -o name' },
  { cmd: 'get deploy,svc -n shop' },
  { cmd: 'get deployment/web service/web -n shop' },
  { cmd: 'get deployment web -n shop -o jsonpath={.spec.template.spec.containers[0].image}' },
  { cmd: 'get deployments -n shop -o custom-columns=NAME:.metadata.name,REPLICAS:.spec.replicas,IMAGE:.spec.template.spec.containers[*].image' },
  { cmd: 'get configmaps -A --sort-by=.metadata.name' },
  { cmd: 'get cm -A -o json' },
  { cmd: 'get deployments -n shop -l app=web --show-labels' },
  { cmd: 'get deploy web -n shop -o name' },
  { cmd: 'get deploy web -n shop -o yaml' },
  { cmd: 'get pods -A' },
  { cmd: 'get pods -n shop -o wide' },
  { cmd: 'get pod box -n shop -o yaml' },
  { cmd: 'get pods -n default' },
  { cmd: 'get crd' },
  { cmd: 'get clocks' },
  { cmd: 'get events -n shop' },
  { cmd: 'get pods -n shop -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,PHASE:.status.phase' },
  { cmd: 'get pods -A --no-headers' },
  { cmd: `get pod box -n shop -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}'` },

  // Errors and usage
  { cmd: 'get pod nope -n shop' },
  { cmd: 'get pods -n shop --field-selector=spec.foo=bar' },
  { cmd: 'get pods -n shop -l "a in (b"' },
  { cmd: 'get widgets' },
  { cmd: 'get pods --foo' },
  { cmd: 'get pods -z' },
  { cmd: 'get' },
  { cmd: 'get pods -o bogus' },
  { cmd: 'gett pods' },
  { cmd: 'rollout foo' },
  { cmd: 'delete' },
  { cmd: 'delete svc nope -n shop' },
  { cmd: 'scale deployment web -n shop --replicas=-1' },
  { cmd: 'patch deployment web -n shop' },
  { cmd: 'exec box -n shop echo hi' },

  // Pods: logs, exec, metrics
  { cmd: 'logs box -n shop' },
  { cmd: 'logs box -n shop --tail=1' },
  { cmd: 'logs box -n shop -c nope' },
  { cmd: 'exec box -n shop -- echo hi' },
  { cmd: "exec box -n shop -- sh -c 'exit 3'" },
  { cmd: 'top nodes' },
  { cmd: 'top pods -n shop' },

  // Imperative creation (twins)
  { cmd: 'create namespace tools-{x}' },
  { cmd: 'create namespace Bad_Name' },
  { cmd: 'create configmap cfg-{x} -n shop --from-literal=mode=dark --from-literal=size=2' },
  { cmd: 'get configmap cfg-{x} -n shop -o jsonpath={.data}' },
  { cmd: 'create configmap web-config -n shop' },
  { cmd: 'create secret generic tok-{x} -n shop --from-literal=key=abc' },
  { cmd: 'create deployment api-{x} -n shop --image=nginx:1.27 --replicas=2' },
  { cmd: 'get deployment api-{x} -n shop' },
  { cmd: 'create service clusterip svc-{x} -n shop --tcp=80:8080' },
  { cmd: 'get service svc-{x} -n shop -o custom-columns=NAME:.metadata.name,PORTS:.spec.ports[*].port,TARGET:.spec.ports[*].targetPort' },

  { cmd: 'run pod-{x} --image=nginx:1.27 -n shop --labels=app=pod-{x}' },
  { cmd: 'run dry-{x} --image=nginx:1.27 --port=80 --labels=app=x,tier=y -n shop --dry-run=client -o yaml' },
  { cmd: "run job-{x} --image=busybox --restart=Never -n shop -- sh -c 'echo hi'" },
  { cmd: 'get pod pod-{x} -n shop -o jsonpath={.spec.containers[0].name}' },
  { cmd: 'expose deployment web -n shop --port=80 --target-port=8080 --name=exp-{x}' },
  { cmd: 'get service exp-{x} -n shop -o jsonpath={.spec.selector}' },
  { cmd: 'taint nodes node-2 dedicated=gpu:NoSchedule', undo: 'taint nodes node-2 dedicated:NoSchedule-' },
  { cmd: 'taint nodes node-2 dedicated=gpu:NoSchedule' },
  { cmd: 'taint nodes node-2 dedicated:NoSchedule-', undo: 'taint nodes node-2 dedicated=gpu:NoSchedule' },
  { cmd: 'taint nodes node-2 nope-' },

  { cmd: 'create deployment x --image=nginx:1.27 --replicas=3 --port=80 --dry-run=client -o yaml' },
  { cmd: 'create configmap x -n shop --from-literal=a=b --dry-run=client -o yaml' },
  { cmd: 'create service clusterip x --tcp=80:8080 --dry-run=client -o yaml' },
  { cmd: 'label nodes node-1 a=b --dry-run=server' },

  // apply: client-side and server-side
  { cmd: 'apply -f -', stdin: 'app.yaml' },
  { cmd: 'apply -n shop -f -', stdin: 'nginx-deployment.yaml', undo: 'delete deployment nginx-deployment -n shop' },
  { cmd: 'apply -n shop -f -', stdin: 'nginx-deployment.yaml' },
  { cmd: 'scale deployment nginx-deployment -n shop --replicas=1', undo: 'scale deployment nginx-deployment -n shop --replicas=3' },
  { cmd: 'apply -n shop -f -', stdin: 'nginx-deployment.yaml', undo: 'scale deployment nginx-deployment -n shop --replicas=1' },
  { cmd: 'get deployment nginx-deployment -n shop -o yaml' },
  { cmd: 'apply --server-side -f -', stdin: 'app.yaml' },

  // Mutations of shared objects (undone between the two runs)
  { cmd: 'label deployment web -n shop release=stable', undo: 'label deployment web -n shop release-' },
  { cmd: 'label deployment web -n shop release=canary' },
  { cmd: 'label deployment web -n shop release=canary --overwrite', undo: 'label deployment web -n shop release=stable --overwrite' },
  { cmd: 'label deployment web -n shop release-', undo: 'label deployment web -n shop release=stable' },
  { cmd: 'annotate deployment web -n shop owner=team-a', undo: 'annotate deployment web -n shop owner-' },
  { cmd: `patch deployment web -n shop -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27.1"}]}}}}'`, undo: `patch deployment web -n shop -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}'` },
  { cmd: `patch deployment web -n shop --type=merge -p '{"spec":{"replicas":3}}'`, undo: 'scale deployment web -n shop --replicas=2' },
  { cmd: `patch deployment web -n shop --type=json -p '[{"op":"replace","path":"/spec/revisionHistoryLimit","value":10}]'` },
  { cmd: 'scale deployment web -n shop --replicas=2' },
  { cmd: 'set image deployment/web -n shop nginx=nginx:1.28', undo: 'set image deployment/web -n shop nginx=nginx:1.27' },
  { cmd: 'set image deployment/web -n shop nope=nginx:1.28' },
  { cmd: 'rollout pause deployment/web -n shop', undo: 'rollout resume deployment/web -n shop' },
  { cmd: 'rollout resume deployment/web -n shop', undo: 'rollout pause deployment/web -n shop' },
  { cmd: 'rollout resume deployment/web -n shop' },
  { cmd: 'rollout history deployment/web -n shop' },
  { cmd: 'rollout status deployment/web -n shop --watch=false' },
  { cmd: 'wait --for=jsonpath={.spec.replicas}=2 deployment/web -n shop' },
  { cmd: 'cordon node-1', undo: 'uncordon node-1' },
  { cmd: 'uncordon node-1', undo: 'cordon node-1' },
  { cmd: 'uncordon node-1' },

  // Deletion
  { cmd: 'delete configmap cfg-{x} -n shop' },
  { cmd: 'delete secret tok-{x} -n shop' },
  { cmd: 'delete service svc-{x} -n shop' },
  { cmd: 'delete deployment api-{x} -n shop --cascade=orphan' },
  { cmd: 'delete configmaps -n shop -l app=nothing' },
  { cmd: 'run del-{x} --image=nginx -n default' },
  { cmd: 'delete pod del-{x} -n default --force --grace-period=0' },
  { cmd: 'delete pod job-{x} -n shop --force' },
  { cmd: 'get configmap cfg-{x} -n shop' },
];
