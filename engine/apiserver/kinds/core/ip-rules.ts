/**
 * IP checks from pkg/apis/core/validation (1.32) that Endpoints, Services and EndpointSlices share:
 * IsValidIP and ValidateNonSpecialIP.
 */
import { fieldError, type FieldError, type FieldPath } from '../../errors/field-errors';
import { isIPv4Sloppy, isIPv6, isValidIPMessages } from '../../validation';

export function validateIP(ip: string, path: FieldPath): FieldError[] {
  return isValidIPMessages(ip).map((m) => fieldError.invalid(path, ip, m));
}

/** IsValidIPv4Address / IsValidIPv6Address as discovery validation uses them. */
export function validateIPOfFamily(ip: string, family: 'IPv4' | 'IPv6', path: FieldPath): FieldError[] {
  const ok = family === 'IPv4' ? isIPv4Sloppy(ip) : isIPv6(ip) && !isIPv4Sloppy(ip);
  return ok ? [] : [fieldError.invalid(path, ip, `must be a valid ${family} address`)];
}

/** Rejects the unspecified, loopback and link-local ranges an endpoint may never point at. */
export function validateNonSpecialIP(ip: string, path: FieldPath): FieldError[] {
  const v4 = ipv4Octets(ip);
  const v6 = v4 === undefined ? ip.toLowerCase() : undefined;
  if (v4 ? v4.every((o) => o === 0) : v6 === '::' || /^(0{1,4}:){7}0{1,4}$/.test(v6 ?? '')) {
    return [fieldError.invalid(path, ip, `may not be unspecified (${ip})`)];
  }
  if (v4 ? v4[0] === 127 : v6 === '::1') {
    return [fieldError.invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)')];
  }
  if (v4 ? v4[0] === 169 && v4[1] === 254 : /^fe[89ab]/.test(v6 ?? '')) {
    return [fieldError.invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)')];
  }
  if (v4 ? v4[0] === 224 && v4[1] === 0 && v4[2] === 0 : /^ff02:/.test(v6 ?? '')) {
    return [fieldError.invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)')];
  }
  return [];
}

function ipv4Octets(ip: string): number[] | undefined {
  return isIPv4Sloppy(ip) ? ip.split('.').map(Number) : undefined;
}

/** IsValidCIDR: an address and a prefix length that fits its family. */
export function validateCIDR(cidr: string, path: FieldPath): FieldError[] {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  const ip = m?.[1] ?? '';
  const bits = Number(m?.[2] ?? -1);
  const ok = m !== null && (isIPv4Sloppy(ip) ? bits <= 32 : isIPv6(ip) && bits <= 128);
  return ok ? [] : [fieldError.invalid(path, cidr, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}
