/** Endpoints: SetDefaults_Endpoints and ValidateEndpoints / validateEndpointSubsets (1.32). No status, no generation. */
import type { EndpointAddress, EndpointPort, Endpoints } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, validatePortNumber } from '../../validation';
import { validateIP, validateNonSpecialIP } from './ip-rules';

type Ep = Endpoints & KubeObject;

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateAddress(addr: EndpointAddress, path: FieldPath): FieldError[] {
  const errs = validateIP(addr.ip ?? '', path.child('ip'));
  if (addr.hostname) for (const m of isDNS1123Label(addr.hostname)) errs.push(fieldError.invalid(path.child('hostname'), addr.hostname, m));
  if (addr.nodeName !== undefined) {
    for (const m of isDNS1123Subdomain(addr.nodeName)) errs.push(fieldError.invalid(path.child('nodeName'), addr.nodeName, m));
  }
  errs.push(...validateNonSpecialIP(addr.ip ?? '', path.child('ip')));
  return errs;
}

function validatePort(port: EndpointPort, requireName: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = port.name ?? '';
  if (requireName && name === '') errs.push(fieldError.required(path.child('name')));
  else if (name !== '') for (const m of isDNS1123Label(name)) errs.push(fieldError.invalid(path.child('name'), name, m));
  errs.push(...validatePortNumber(port.port ?? 0, path.child('port')));
  const protocol = port.protocol ?? '';
  if (protocol === '') errs.push(fieldError.required(path.child('protocol')));
  else if (!PROTOCOLS.includes(protocol)) errs.push(fieldError.notSupported(path.child('protocol'), protocol, PROTOCOLS));
  if (port.appProtocol !== undefined) {
    for (const m of isQualifiedName(port.appProtocol)) errs.push(fieldError.invalid(path.child('appProtocol'), port.appProtocol, m));
  }
  return errs;
}

function validateEndpoints(ep: Ep): FieldError[] {
  const errs: FieldError[] = [];
  (ep.subsets ?? []).forEach((ss, i) => {
    const idx = FieldPath.of('subsets').index(i);
    if ((ss.addresses ?? []).length === 0 && (ss.notReadyAddresses ?? []).length === 0) {
      errs.push(fieldError.required(idx, 'must specify `addresses` or `notReadyAddresses`'));
    }
    (ss.addresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, idx.child('addresses').index(j))));
    (ss.notReadyAddresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, idx.child('notReadyAddresses').index(j))));
    const ports = ss.ports ?? [];
    ports.forEach((p, j) => errs.push(...validatePort(p, ports.length > 1, idx.child('ports').index(j))));
  });
  return errs;
}

export const endpointsStrategy: KindStrategy<Ep> = {
  defaults(ep) {
    for (const ss of ep.subsets ?? []) for (const p of ss.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
  },
  validate: validateEndpoints,
  validateUpdate: validateEndpoints,
};
