/**
 * The simulated CNI's IPAM (the bridge plugin with host-local ranges, as kind runs it): pod IPs come from the
 * node's podCIDR; network address .0 and the bridge gateway .1 are never handed out, nor the broadcast address;
 * allocation continues after the last one handed out (host-local's round-robin), wrapping around.
 */
function toInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  return (((parts[0] ?? 0) << 24) | ((parts[1] ?? 0) << 16) | ((parts[2] ?? 0) << 8) | (parts[3] ?? 0)) >>> 0;
}

function toIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export class PodIpAllocator {
  private readonly inUse = new Map<number, string>();
  private cidr = '';
  private base = 0;
  private size = 0;
  private last = -1;

  /** Sets the range from `spec.podCIDR` (IPv4 `a.b.c.d/n`). */
  setCidr(cidr: string): void {
    if (cidr === this.cidr) return;
    const [ip, bits] = cidr.split('/');
    const prefix = Number(bits);
    this.cidr = cidr;
    this.size = 2 ** (32 - prefix);
    this.base = (toInt(ip ?? '0.0.0.0') & ~(this.size - 1)) >>> 0;
    this.last = 1;
  }

  get ready(): boolean {
    return this.cidr !== '';
  }

  /** An IP for `owner` (the pod uid); the same one if it already holds one. Throws when the range is full. */
  allocate(owner: string): string {
    for (const [n, o] of this.inUse) if (o === owner) return toIp(n);
    for (let step = 1; step < this.size; step++) {
      const offset = ((this.last - 2 + step) % (this.size - 3)) + 2; // .2 … broadcast-1
      const n = this.base + offset;
      if (this.inUse.has(n)) continue;
      this.inUse.set(n, owner);
      this.last = offset;
      return toIp(n);
    }
    throw new Error(`failed to allocate for range 0: no IP addresses available in range set: ${toIp(this.base + 2)}-${toIp(this.base + this.size - 2)}`);
  }

  /** Re-registers an IP handed out before (a restarted kubelet adopting its pods). */
  reserve(owner: string, ip: string): void {
    this.inUse.set(toInt(ip), owner);
  }

  release(owner: string): void {
    for (const [n, o] of this.inUse) if (o === owner) this.inUse.delete(n);
  }
}
