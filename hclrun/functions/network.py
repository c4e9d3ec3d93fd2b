"""Network functions: cidrhost, cidrnetmask, cidrsubnet, cidrsubnets.

Addresses are handled as integers with a width of 32 or 128 bits, which is
how the reference computes them, so its corner cases come out the same:

- IPv4 octets may have leading zeros and are read as decimal (``010`` is 10);
- an IPv4-mapped IPv6 prefix (``::ffff:10.0.0.0/104``) is 128 bits wide but
  host and subnet numbers are placed as if the address were 32 bits;
- a negative ``netnum`` or ``newbits`` is combined bitwise, not rejected.
"""

from __future__ import annotations

import ipaddress

from hclrun.functions.registry import FunctionContext
from hclrun.functions.spec import ArgError, Function, FunctionCallError, Parameter, fixed_type
from hclrun.records import record
from hclrun.values import number as num
from hclrun.values.types import NUMBER, STRING, ListType, Type
from hclrun.values.value import Value

_UINT64_MASK = (1 << 64) - 1
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
WHOLE_NUMBER_MESSAGE = f"value must be a whole number, between {_INT64_MIN} and {_INT64_MAX}"


@record
class Network:
    """A parsed CIDR prefix: the masked address, its width in bits and the prefix length."""

    address: int
    bits: int
    prefix_len: int

    @property
    def is_ipv4(self) -> bool:
        """True for IPv4 and IPv4-mapped IPv6 addresses (Go's ``To4() != nil``)."""
        return self.bits == 32 or (self.address >> 32) == 0xFFFF

    @property
    def host_bits(self) -> int:
        return self.bits - self.prefix_len

    def __str__(self) -> str:
        return f"{format_address(self.address, self.bits)}/{self.prefix_len}"


def _parse_ipv4(text: str) -> int | None:
    parts = text.split(".")
    if len(parts) != 4:
        return None
    value = 0
    for part in parts:
        if not part or not part.isascii() or not part.isdigit() or int(part) > 255:
            return None
        value = (value << 8) | int(part)
    return value


def parse_cidr(text: str) -> Network:
    """Parse ``address/prefix``; raises ValueError with the reference's wording."""
    error = ValueError(f"invalid CIDR expression: invalid CIDR address: {text}")
    address_text, slash, prefix_text = text.partition("/")
    if not slash or not prefix_text.isascii() or not prefix_text.isdigit():
        raise error
    address = _parse_ipv4(address_text)
    bits = 32
    if address is None:
        if "%" in address_text:
            raise error
        try:
            address = int(ipaddress.IPv6Address(address_text))
        except ValueError:
            raise error from None
        bits = 128
    prefix_len = int(prefix_text)
    if prefix_len > bits:
        raise error
    mask = _mask(prefix_len, bits)
    return Network(address & mask, bits, prefix_len)


def _mask(prefix_len: int, bits: int) -> int:
    return ((1 << bits) - 1) ^ ((1 << (bits - prefix_len)) - 1)


def format_address(address: int, bits: int) -> str:
    """Go's ``net.IP.String``: IPv4 and IPv4-mapped addresses in dotted form."""
    address &= (1 << bits) - 1
    if bits == 32 or (address >> 32) == 0xFFFF:
        v4 = address & 0xFFFFFFFF
        return ".".join(str((v4 >> shift) & 0xFF) for shift in (24, 16, 8, 0))
    return ipaddress.IPv6Address(address).compressed


def _to_address(n: int, bits: int) -> int:
    """Go's ``intToIP``: the magnitude of ``n`` in ``bits`` bits."""
    return abs(n) & ((1 << bits) - 1)


def _insert_number(network: Network, n: int, position: int) -> int:
    """Place ``n`` so that its lowest bit lands at bit ``position`` from the top of a 32/128-bit address."""
    return _to_address(network.address | (n << (network.bits - position)), network.bits)


def _int64(v: Value) -> int:
    """A number argument as a Go ``int`` (64-bit)."""
    n = v.raw
    if not num.is_integer(n) or not _INT64_MIN <= int(n) <= _INT64_MAX:
        raise FunctionCallError(WHOLE_NUMBER_MESSAGE)
    return int(n)


def _big_integer(v: Value) -> int:
    if not num.is_integer(v.raw):
        raise FunctionCallError("value must be a whole number")
    return int(v.raw)


def host(network: Network, hostnum: int) -> str:
    host_len = network.bits - network.prefix_len
    max_host = (1 << host_len) - 1
    magnitude = abs(hostnum) & _UINT64_MASK
    if hostnum < 0:
        magnitude = -hostnum - 1
        hostnum = max_host - magnitude
    if magnitude > max_host:
        raise FunctionCallError(
            f"prefix of {network.prefix_len} does not accommodate a host numbered {hostnum}"
        )
    position = 32 if network.is_ipv4 else 128
    return format_address(_insert_number(network, hostnum, position), network.bits)


def subnet(network: Network, newbits: int, netnum: int) -> Network:
    new_prefix = network.prefix_len + newbits
    if new_prefix > network.bits:
        raise FunctionCallError(
            f"insufficient address space to extend prefix of {network.prefix_len} by {newbits}"
        )
    # Go computes uint64(1<<newbits) - 1, which wraps for shifts of 64 or more
    # (and for negative newbits, whose shift count is huge).
    max_netnum = ((1 << newbits) if 0 <= newbits < 64 else 0) - 1
    if abs(netnum) & _UINT64_MASK > max_netnum & _UINT64_MASK:
        raise FunctionCallError(
            f"prefix extension of {newbits} does not accommodate a subnet numbered {netnum}"
        )
    return Network(_insert_number(network, netnum, new_prefix), network.bits, new_prefix)


def _cidrhost(args: list[Value], _ret: Type) -> Value:
    hostnum = _big_integer(args[1])
    network = _parse(args[0])
    return Value.string(host(network, hostnum))


def _cidrnetmask(args: list[Value], _ret: Type) -> Value:
    network = _parse(args[0])
    if not network.is_ipv4:
        raise FunctionCallError(f"IPv6 addresses cannot have a netmask: {args[0].raw}")
    return Value.string(format_address(_mask(network.prefix_len, network.bits), network.bits))


def _cidrsubnet(args: list[Value], _ret: Type) -> Value:
    newbits = _int64(args[1])
    netnum = _big_integer(args[2])
    network = _parse(args[0])
    return Value.string(str(subnet(network, newbits, netnum)))


def _parse(prefix: Value) -> Network:
    try:
        return parse_cidr(prefix.raw)
    except ValueError as exc:
        raise FunctionCallError(str(exc)) from None


def _last_address(network: Network) -> int:
    return network.address | ((1 << network.host_bits) - 1)


def _aligned(address: int, prefix_len: int, bits: int) -> Network:
    return Network(address & _mask(prefix_len, bits), bits, prefix_len)


def _extension(args: list[Value], index: int) -> int:
    try:
        return _int64(args[index])
    except FunctionCallError as exc:
        raise ArgError(index, exc.message) from None


def _cidrsubnets(args: list[Value], _ret: Type) -> Value:
    try:
        network = parse_cidr(args[0].raw)
    except ValueError as exc:
        raise ArgError(0, str(exc)) from None
    if len(args) == 1:
        return Value.list([], STRING)
    bits = network.bits
    # Start just before the network, at the alignment of the first subnet.
    first_len = network.prefix_len + _extension(args, 1)
    current = _aligned((network.address - 1) % (1 << bits), max(0, min(first_len, bits)), bits)
    results: list[Value] = []
    for i in range(1, len(args)):
        extension = _extension(args, i)
        if extension < 1:
            raise ArgError(i, "must extend prefix by at least one bit")
        if extension > 32:
            raise ArgError(i, "may not extend prefix by more than 32 bits")
        length = network.prefix_len + extension
        if length > bits:
            protocol = "IPv4" if bits == 32 else "IPv6"
            raise ArgError(
                i,
                f"would extend prefix to {length} bits, which is too long for an {protocol} address",
            )
        candidate = _aligned(_last_address(current), length, bits)
        following = (_last_address(candidate) + 1) % (1 << bits)
        rolled_over = following == 0
        inside = (following & _mask(network.prefix_len, bits)) == network.address
        if rolled_over or not inside:
            raise ArgError(
                i,
                f"not enough remaining address space for a subnet with a prefix of {length} bits after {current}",
            )
        current = _aligned(following, length, bits)
        results.append(Value.string(str(current)))
    return Value.list(results, STRING)


def functions(_ctx: FunctionContext) -> list[Function]:
    prefix = Parameter("prefix", STRING, description="An IPv4 or IPv6 prefix in CIDR notation.")
    return [
        Function(
            "cidrhost",
            (prefix, Parameter("hostnum", NUMBER, description="The host number; negative counts from the end.")),
            fixed_type(STRING),
            _cidrhost,
            description="Calculates a full host IP address for a given host number within an IP network prefix.",
        ),
        Function(
            "cidrnetmask",
            (prefix,),
            fixed_type(STRING),
            _cidrnetmask,
            description="Converts an IPv4 prefix in CIDR notation into a subnet mask address.",
        ),
        Function(
            "cidrsubnet",
            (
                prefix,
                Parameter("newbits", NUMBER, description="How many bits to extend the prefix by."),
                Parameter("netnum", NUMBER, description="The number of the subnet within the new prefix."),
            ),
            fixed_type(STRING),
            _cidrsubnet,
            description="Calculates a subnet address within a given IP network address prefix.",
        ),
        Function(
            "cidrsubnets",
            (prefix,),
            fixed_type(ListType(STRING)),
            _cidrsubnets,
            variadic=Parameter("newbits", NUMBER, description="Prefix extensions, one per subnet."),
            description="Calculates a sequence of consecutive IP address ranges within a CIDR prefix.",
        ),
    ]
