/**
 * IPv4 and IPv6 addresses and CIDR blocks for IpAddress / NotIpAddress, as 128-bit values. An
 * IPv4 block contains only IPv4 addresses and an IPv6 block only IPv6 addresses (a bare address
 * is a /32 or /128 block).
 */

export interface Cidr {
  /** 8 groups of 16 bits. */
  addr: number[];
  bits: number;
  v4: boolean;
}

function parseV4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return [0, 0, 0, 0, 0, 0xffff, (bytes[0]! << 8) | bytes[1]!, (bytes[2]! << 8) | bytes[3]!];
}

function parseV6(s: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  if (s.includes('.')) {
    const lastColon = s.lastIndexOf(':');
    const v4 = parseV4(s.slice(lastColon + 1));
    if (!v4) return undefined;
    s = `${s.slice(0, lastColon + 1)}${v4[6]!.toString(16)}:${v4[7]!.toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const group = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = group(halves[0]!);
  if (!head) return undefined;
  const total = 8;
  if (halves.length === 1) {
    if (head.length !== total) return undefined;
    return head;
  }
  const rest = group(halves[1]!);
  if (!rest || head.length + rest.length > total - 1) return undefined;
  return [...head, ...new Array<number>(total - head.length - rest.length).fill(0), ...rest];
}

/** Parses `a.b.c.d[/n]` or an IPv6 address `[/n]`; undefined when malformed. */
export function parseCidr(s: string): Cidr | undefined {
  const slash = s.indexOf('/');
  const host = slash < 0 ? s : s.slice(0, slash);
  const v4 = !host.includes(':');
  const addr = v4 ? parseV4(host) : parseV6(host);
  if (!addr) return undefined;
  let bits = 128;
  if (slash >= 0) {
    const b = s.slice(slash + 1);
    if (!/^\d{1,3}$/.test(b)) return undefined;
    const n = Number(b);
    if (n > (v4 ? 32 : 128)) return undefined;
    bits = v4 ? 96 + n : n;
  }
  return { addr, bits, v4 };
}

/** Is the address `ip` inside the block `cidr`? */
export function cidrContains(cidr: Cidr, ip: Cidr): boolean {
  if (cidr.v4 !== ip.v4) return false;
  let left = cidr.bits;
  for (let g = 0; g < 8 && left > 0; g++) {
    const take = Math.min(16, left);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if ((cidr.addr[g]! & mask) !== (ip.addr[g]! & mask)) return false;
    left -= take;
  }
  return true;
}
