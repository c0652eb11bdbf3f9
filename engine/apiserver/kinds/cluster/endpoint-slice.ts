/**
 * discovery.k8s.io/v1 EndpointSlice: SetDefaults_EndpointPort, pkg/registry/discovery/endpointslice/strategy.go
 * and ValidateEndpointSlice[Create|Update] (1.32). No status; generation 1 on create and +1 whenever anything
 * but metadata — or the labels — changes.
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, semanticDeepEqual, validateImmutableField } from '../../validation';
import { validateIPOfFamily, validateNonSpecialIP } from '../core/ip-rules';
import { setInitialGeneration } from '../core/spec-status-rules';

type EPS = EndpointSlice & KubeObject;

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_ENDPOINTS = 1000;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;

/** IsFullyQualifiedDomainName. */
function validateFQDN(name: string, path: FieldPath): FieldError[] {
  const trimmed = name.replace(/\.$/, '');
  if (trimmed === '') return [fieldError.required(path)];
  if (trimmed.split('.').length < 2) return [fieldError.invalid(path, trimmed, 'should be a domain with at least two segments separated by dots')];
  return isDNS1123Subdomain(trimmed).map((m) => fieldError.invalid(path, trimmed, m));
}

function validateEndpointSlice(eps: EPS): FieldError[] {
  const errs: FieldError[] = [];
  const endpoints = eps.endpoints ?? [];
  const epPath = FieldPath.of('endpoints');
  if (endpoints.length > MAX_ENDPOINTS) errs.push(fieldError.tooMany(epPath, endpoints.length, MAX_ENDPOINTS));
  endpoints.forEach((ep, i) => {
    const idx = epPath.index(i);
    const addrPath = idx.child('addresses');
    const addresses = ep.addresses ?? [];
    if (addresses.length === 0) errs.push(fieldError.required(addrPath, 'must contain at least 1 address'));
    else if (addresses.length > MAX_ADDRESSES) errs.push(fieldError.tooMany(addrPath, addresses.length, MAX_ADDRESSES));
    addresses.forEach((a, j) => {
      const p = addrPath.index(j);
      if (eps.addressType === 'IPv4' || eps.addressType === 'IPv6') {
        const ipErrs = validateIPOfFamily(a, eps.addressType, p);
        errs.push(...(ipErrs.length > 0 ? ipErrs : validateNonSpecialIP(a, p)));
      } else if (eps.addressType === 'FQDN') {
        errs.push(...validateFQDN(a, p));
      }
    });
    if (ep.nodeName !== undefined) for (const m of isDNS1123Subdomain(ep.nodeName)) errs.push(fieldError.invalid(idx.child('nodeName'), ep.nodeName, m));
    if (ep.hostname !== undefined) for (const m of isDNS1123Label(ep.hostname)) errs.push(fieldError.invalid(idx.child('hostname'), ep.hostname, m));
  });

  const ports = eps.ports ?? [];
  const portPath = FieldPath.of('ports');
  if (ports.length > MAX_PORTS) errs.push(fieldError.tooMany(portPath, ports.length, MAX_PORTS));
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const idx = portPath.index(i);
    const name = port.name ?? '';
    if (name !== '') for (const m of isDNS1123Label(name)) errs.push(fieldError.invalid(idx.child('name'), name, m));
    if (names.has(name)) errs.push(fieldError.duplicate(idx.child('name'), name));
    else names.add(name);
    if (port.protocol === undefined) errs.push(fieldError.required(idx.child('protocol')));
    else if (!PROTOCOLS.includes(port.protocol)) errs.push(fieldError.notSupported(idx.child('protocol'), port.protocol, PROTOCOLS));
    if (port.appProtocol !== undefined) for (const m of isQualifiedName(port.appProtocol)) errs.push(fieldError.invalid(idx.child('appProtocol'), port.appProtocol, m));
  });
  return errs;
}

function withoutMetadata(eps: EPS): Record<string, unknown> {
  const { metadata: _m, apiVersion: _a, kind: _k, ...rest } = eps;
  return rest;
}

export const endpointSliceStrategy: KindStrategy<EPS> = {
  defaults(eps) {
    for (const port of eps.ports ?? []) {
      if (port.name === undefined) port.name = '';
      if (port.protocol === undefined) port.protocol = 'TCP';
    }
  },
  prepareForCreate: setInitialGeneration,
  prepareForUpdate(eps, old) {
    const generation = old.metadata?.generation ?? 0;
    const changed = !semanticDeepEqual(withoutMetadata(eps), withoutMetadata(old)) || !semanticDeepEqual(eps.metadata?.labels, old.metadata?.labels);
    eps.metadata = { ...eps.metadata, generation: changed ? generation + 1 : generation };
  },
  validate(eps) {
    const errs = validateEndpointSlice(eps);
    const type = eps.addressType ?? '';
    if (type === '') errs.push(fieldError.required('addressType'));
    else if (!ADDRESS_TYPES.includes(type)) errs.push(fieldError.notSupported('addressType', type, ADDRESS_TYPES));
    return errs;
  },
  validateUpdate(eps, old) {
    return [...validateEndpointSlice(eps), ...validateImmutableField(eps.addressType, old.addressType, FieldPath.of('addressType'))];
  },
};
