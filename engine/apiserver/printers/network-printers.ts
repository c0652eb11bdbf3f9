/** Service, Endpoints, EndpointSlice, Ingress, IngressClass and NetworkPolicy printers. */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { formatLabelSelector, formatLabels } from '../selectors/label-selector-meta';
import { age, arr, obj, str, strs, num, type Json } from './cell-formats';
import { AGE_COLUMN, NAME_COLUMN, column, docColumn, type KindPrinter } from './kind-printer';

const name = (o: Json): string => str(obj(o.metadata).name);

/** loadBalancerStatusStringer with wide=true: the sorted, de-duplicated IPs (or hostnames) of the ingress points. */
function loadBalancerIngress(lb: unknown): string {
  const result = new Set<string>();
  for (const ing of arr(obj(lb).ingress)) {
    if (str(ing.ip) !== '') result.add(str(ing.ip));
    else if (str(ing.hostname) !== '') result.add(str(ing.hostname));
  }
  return [...result].sort().join(',');
}

function serviceExternalIP(svc: Json): string {
  const spec = obj(svc.spec);
  const externalIPs = strs(spec.externalIPs);
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIps = loadBalancerIngress(obj(svc.status).loadBalancer);
      if (externalIPs.length > 0) return [...(lbIps === '' ? [] : lbIps.split(',')), ...externalIPs].join(',');
      return lbIps !== '' ? lbIps : '<pending>';
    }
    case 'ExternalName':
      return str(spec.externalName);
    default:
      return '<unknown>';
  }
}

function makePortString(ports: Json[]): string {
  return ports.map((p) => (num(p.nodePort) > 0 ? `${num(p.port)}:${num(p.nodePort)}/${str(p.protocol)}` : `${num(p.port)}/${str(p.protocol)}`)).join(',');
}

export const servicePrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    docColumn('Type', 'string', 'serviceSpec.type'),
    docColumn('Cluster-IP', 'string', 'serviceSpec.clusterIP'),
    docColumn('External-IP', 'string', 'serviceSpec.externalIPs'),
    docColumn('Port(s)', 'string', 'serviceSpec.ports'),
    AGE_COLUMN,
    docColumn('Selector', 'string', 'serviceSpec.selector', { priority: 1 }),
  ],
  print(o, now) {
    const spec = obj(o.spec);
    const clusterIPs = strs(spec.clusterIPs);
    const ports = makePortString(arr(spec.ports));
    return {
      cells: [name(o), str(spec.type), clusterIPs[0] ?? '<none>', serviceExternalIP(o), ports === '' ? '<none>' : ports, age(o, now), formatLabels(spec.selector as Record<string, string>)],
    };
  },
};

/** formatEndpoints(endpoints, nil): up to three `ip:port` (or bare IPs for port-less subsets), then `+ N more...`. */
function formatEndpoints(ep: Json): string {
  const subsets = arr(ep.subsets);
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = arr(ss.addresses);
    const ports = arr(ss.ports);
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(str(a.ip));
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        const ip = str(a.ip);
        list.push(`${ip.includes(':') ? `[${ip}]` : ip}:${num(port.port)}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const endpointsPrinter: KindPrinter = {
  columns: [NAME_COLUMN, docColumn('Endpoints', 'string', 'endpoints.subsets'), AGE_COLUMN],
  print: (o, now) => ({ cells: [name(o), formatEndpoints(o), age(o, now)] }),
};

function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

function formatDiscoveryPorts(ports: Json[]): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const p of ports) {
    if (list.length < max) list.push(typeof p.port === 'number' ? String(p.port) : typeof p.name === 'string' ? p.name : '*');
    else if (list.length === max) more = true;
    count++;
  }
  return listWithMore(list, more, count, max);
}

function formatDiscoveryEndpoints(endpoints: Json[]): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const e of endpoints) {
    for (const address of strs(e.addresses)) {
      if (list.length < max) list.push(address);
      else if (list.length === max) more = true;
      count++;
    }
  }
  return listWithMore(list, more, count, max);
}

export const endpointSlicePrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    docColumn('AddressType', 'string', 'endpointSlice.addressType'),
    docColumn('Ports', 'string', 'endpointSlice.ports'),
    docColumn('Endpoints', 'string', 'endpointSlice.endpoints'),
    AGE_COLUMN,
  ],
  print: (o, now) => ({ cells: [name(o), str(o.addressType), formatDiscoveryPorts(arr(o.ports)), formatDiscoveryEndpoints(arr(o.endpoints)), age(o, now)] }),
};

function formatHosts(rules: Json[]): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const rule of rules) {
    if (list.length === max) more = true;
    if (!more && str(rule.host) !== '') list.push(str(rule.host));
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${rules.length - max} more...` : ret;
}

export const ingressPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    column('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    column('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'string', 'Ports of TLS configurations that open'),
    AGE_COLUMN,
  ],
  print(o, now) {
    const spec = obj(o.spec);
    const className = typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '<none>';
    const ports = arr(spec.tls).length !== 0 ? '80, 443' : '80';
    return { cells: [name(o), className, formatHosts(arr(spec.rules)), loadBalancerIngress(obj(o.status).loadBalancer), ports, age(o, now)] };
  },
};

export const ingressClassPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    column('Controller', 'string', 'Controller that is responsible for handling this class'),
    column('Parameters', 'string', 'A reference to a resource with additional parameters'),
    AGE_COLUMN,
  ],
  print(o, now) {
    const spec = obj(o.spec);
    let parameters = '<none>';
    if (spec.parameters !== undefined && spec.parameters !== null) {
      const p = obj(spec.parameters);
      parameters = str(p.kind);
      if (typeof p.apiGroup === 'string') parameters += `.${p.apiGroup}`;
      parameters += `/${str(p.name)}`;
    }
    return { cells: [name(o), str(spec.controller), parameters, age(o, now)] };
  },
};

export const networkPolicyPrinter: KindPrinter = {
  columns: [NAME_COLUMN, docColumn('Pod-Selector', 'string', 'networkPolicySpec.podSelector'), AGE_COLUMN],
  // printNetworkPolicy formats &spec.podSelector: never nil, so an absent selector prints as an empty one.
  print: (o, now) => ({ cells: [name(o), formatLabelSelector((obj(o.spec).podSelector ?? {}) as LabelSelector), age(o, now)] }),
};
