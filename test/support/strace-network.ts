/**
 * Reads `strace -f -e trace=network` output and lists every call that addressed something other
 * than this machine: a connect, sendto or sendmsg whose address is not loopback, a local (AF_UNIX)
 * socket or the kernel (AF_NETLINK). Socket creation alone reaches nobody, so it is not listed.
 */

const ADDRESSED_CALL = /\b(connect|sendto|sendmsg)\(\d+,.*?sa_family=(AF_[A-Z0-9]+)([^}]*)\}/;
const LOCAL_FAMILIES = new Set(['AF_UNIX', 'AF_LOCAL', 'AF_NETLINK']);

function isLoopback(family: string, rest: string): boolean {
  if (family === 'AF_INET') {
    const address = /inet_addr\("([\d.]+)"\)/.exec(rest)?.[1];
    return address !== undefined && address.startsWith('127.');
  }
  if (family === 'AF_INET6') {
    const address = /inet_pton\(AF_INET6, "([^"]+)"/.exec(rest)?.[1];
    return address === '::1' || (address !== undefined && /^::ffff:127\./i.test(address));
  }
  return false;
}

/** The strace lines that addressed anything beyond this machine (empty when none did). */
export function externalNetworkCalls(straceOutput: string): string[] {
  const external: string[] = [];
  for (const line of straceOutput.split('\n')) {
    const match = ADDRESSED_CALL.exec(line);
    if (!match) continue;
    const [, , family, rest] = match;
    if (LOCAL_FAMILIES.has(family!) || isLoopback(family!, rest!)) continue;
    external.push(line.trim());
  }
  return external;
}
