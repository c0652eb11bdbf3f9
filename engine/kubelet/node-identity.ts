/**
 * Deterministic machine identity for a simulated node (machineID, systemUUID, bootID) derived from its name,
 * so a resumed lab shows the same ids. FNV-1a over the name with distinct salts; never cryptographic.
 */
function fnvHex(text: string, salt: number, hexChars: number): string {
  let out = '';
  let round = 0;
  while (out.length < hexChars) {
    let h = (0x811c9dc5 ^ salt ^ (round * 0x9e3779b1)) >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
    round++;
  }
  return out.slice(0, hexChars);
}

function asUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface NodeIdentity {
  machineID: string;
  systemUUID: string;
  bootID: string;
}

export function nodeIdentity(nodeName: string, boot: number): NodeIdentity {
  return {
    machineID: fnvHex(nodeName, 1, 32),
    systemUUID: asUuid(fnvHex(nodeName, 2, 32)),
    bootID: asUuid(fnvHex(`${nodeName}/${boot}`, 3, 32)),
  };
}
