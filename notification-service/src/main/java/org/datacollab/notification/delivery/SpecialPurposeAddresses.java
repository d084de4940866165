package org.datacollab.notification.delivery;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The addresses a webhook may not reach: every block of the IANA IPv4 and IPv6 Special-Purpose Address Registries
 * (private, shared, loopback, link-local, benchmarking, documentation, protocol assignments, translation: NAT64,
 * 6to4, Teredo, the IPv4-mapped and -compatible forms), multicast and reserved space; for IPv6 anything outside
 * global unicast (2000::/3). What is left is the public Internet.
 */
final class SpecialPurposeAddresses {

    private record Block(BigInteger network, int bits, int length) {
        boolean contains(byte[] address) {
            if (address.length * 8 != length) {
                return false;
            }
            BigInteger value = new BigInteger(1, address);
            return value.shiftRight(length - bits).equals(network.shiftRight(length - bits));
        }
    }

    private static final List<Block> BLOCKS = List.of(
            // IPv4 Special-Purpose Address Registry
            block("0.0.0.0/8"), block("10.0.0.0/8"), block("100.64.0.0/10"), block("127.0.0.0/8"), block("169.254.0.0/16"),
            block("172.16.0.0/12"), block("192.0.0.0/24"), block("192.0.2.0/24"), block("192.31.196.0/24"), block("192.52.193.0/24"),
            block("192.88.99.0/24"), block("192.168.0.0/16"), block("192.175.48.0/24"), block("198.18.0.0/15"),
            block("198.51.100.0/24"), block("203.0.113.0/24"), block("240.0.0.0/4"), block("255.255.255.255/32"),
            // IPv4 multicast
            block("224.0.0.0/4"),
            // IPv6 Special-Purpose Address Registry
            block("::/128"), block("::1/128"), block("::ffff:0:0/96"), block("64:ff9b::/96"), block("64:ff9b:1::/48"), block("100::/64"),
            block("2001::/23"), block("2001::/32"), block("2001:2::/48"), block("2001:3::/32"), block("2001:4:112::/48"),
            block("2001:10::/28"), block("2001:20::/28"), block("2001:30::/28"), block("2001:db8::/32"), block("2002::/16"),
            block("2620:4f:8000::/48"), block("3fff::/20"), block("5f00::/16"), block("fc00::/7"), block("fe80::/10"),
            // IPv4-compatible (deprecated) and site-local (deprecated) forms, IPv6 multicast
            block("::/96"), block("fec0::/10"), block("ff00::/8"));

    /** Global unicast: the only IPv6 space a public receiver lives in. */
    private static final Block GLOBAL_UNICAST = block("2000::/3");

    private SpecialPurposeAddresses() {
    }

    /** Whether the address is on the public Internet: in no special-purpose block. */
    static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (!(address instanceof Inet4Address) && !GLOBAL_UNICAST.contains(bytes)) {
            return false;
        }
        return BLOCKS.stream().noneMatch(block -> block.contains(bytes));
    }

    private static Block block(String cidr) {
        int slash = cidr.indexOf('/');
        try {
            byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            // "::ffff:0:0" is read as an IPv4 address by Java; the block is the IPv6 form
            if (cidr.startsWith("::ffff:")) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                network = mapped;
            }
            return new Block(new BigInteger(1, network), Integer.parseInt(cidr.substring(slash + 1)), network.length * 8);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }
}
