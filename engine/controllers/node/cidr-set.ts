/**
 * The range allocator's CidrSet (pkg/controller/nodeipam/ipam/cidrset), IPv4: the cluster CIDR cut into
 * fixed-size subnets, a used bit per subnet, and `AllocateNext` scanning round-robin from the candidate after
 * the last allocation — so a released subnet is handed out again only after the scan wraps around.
 */
export const ERR_NO_CIDRS_REMAINING = 'CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range';

function parseIPv4(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

const formatIPv4 = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');

export function parseCidr(cidr: string): { base: number; prefix: number } | undefined {
  const [ip, len] = cidr.split('/');
  const base = ip === undefined ? undefined : parseIPv4(ip);
  const prefix = Number(len);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return { base: base - (base % size), prefix };
}

export class CidrSet {
  private readonly base: number;
  private readonly subnetSize: number;
  readonly maxCidrs: number;
  private readonly used: boolean[];
  private allocated = 0;
  private nextCandidate = 0;

  constructor(
    clusterCidr: string,
    readonly nodeMaskSize: number,
  ) {
    const parsed = parseCidr(clusterCidr);
    if (!parsed || nodeMaskSize < parsed.prefix || nodeMaskSize > 32) throw new RangeError(`invalid cluster CIDR ${clusterCidr} for node mask /${nodeMaskSize}`);
    this.base = parsed.base;
    this.subnetSize = 2 ** (32 - nodeMaskSize);
    this.maxCidrs = 2 ** (nodeMaskSize - parsed.prefix);
    this.used = new Array<boolean>(this.maxCidrs).fill(false);
  }

  private indexOf(cidr: string): number | undefined {
    const parsed = parseCidr(cidr);
    if (!parsed || parsed.prefix !== this.nodeMaskSize) return undefined;
    const offset = parsed.base - this.base;
    if (offset < 0 || offset % this.subnetSize !== 0) return undefined;
    const i = offset / this.subnetSize;
    return i < this.maxCidrs ? i : undefined;
  }

  /** The next free subnet, or an Error with upstream's message when none is left. */
  allocateNext(): string | Error {
    if (this.allocated === this.maxCidrs) return new Error(ERR_NO_CIDRS_REMAINING);
    let candidate = this.nextCandidate;
    for (let i = 0; i < this.maxCidrs && this.used[candidate]; i++) candidate = (candidate + 1) % this.maxCidrs;
    this.nextCandidate = (candidate + 1) % this.maxCidrs;
    this.used[candidate] = true;
    this.allocated++;
    return `${formatIPv4(this.base + candidate * this.subnetSize)}/${this.nodeMaskSize}`;
  }

  /** Marks a subnet a node already has as used; false when it is not one of this set's subnets. */
  occupy(cidr: string): boolean {
    const i = this.indexOf(cidr);
    if (i === undefined) return false;
    if (!this.used[i]) {
      this.used[i] = true;
      this.allocated++;
    }
    return true;
  }

  release(cidr: string): void {
    const i = this.indexOf(cidr);
    if (i === undefined || !this.used[i]) return;
    this.used[i] = false;
    this.allocated--;
  }
}
