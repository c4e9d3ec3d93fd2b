"""Hash, password-hash, RSA and UUID functions.

Strings are hashed as their UTF-8 bytes (they are NFC-normalised already).
``bcrypt`` produces ``$2a$`` hashes as the reference does; ``rsadecrypt``
takes base64 PKCS #1 v1.5 ciphertext and a PEM private key (PKCS #1, PKCS #8
or OpenSSH) and reports key problems in the reference's wording.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import uuid as _uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from hclrun.functions.registry import FunctionContext
from hclrun.functions.spec import ArgError, Function, FunctionCallError, Parameter, fixed_type
from hclrun.values import number as num
from hclrun.values.strings import go_quote
from hclrun.values.types import NUMBER, STRING, Type
from hclrun.values.value import Value

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric import rsa

# bcrypt and cryptography load on the first call that needs them: they cost more
# to import than every other function family together.

_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_BCRYPT_DEFAULT_COST = 10
_BCRYPT_MIN_COST, _BCRYPT_MAX_COST = 4, 31

# Results differ from call to call; the reference makes them unknown until apply.
IMPURE: dict[str, object] = {"impure": True}

_NAMESPACES = {
    "dns": _uuid.NAMESPACE_DNS,
    "url": _uuid.NAMESPACE_URL,
    "oid": _uuid.NAMESPACE_OID,
    "x500": _uuid.NAMESPACE_X500,
}


def _hash_function(name: str, digest: Callable[[bytes], str], description: str) -> Function:
    def impl(args: list[Value], _ret: Type) -> Value:
        return Value.string(digest(args[0].raw.encode("utf-8")))

    return Function(
        name,
        (Parameter("str", STRING, description="The string to hash."),),
        fixed_type(STRING),
        impl,
        description=description,
    )


def _hex(algorithm: str) -> Callable[[bytes], str]:
    return lambda data: hashlib.new(algorithm, data).hexdigest()


def _base64(algorithm: str) -> Callable[[bytes], str]:
    return lambda data: base64.b64encode(hashlib.new(algorithm, data).digest()).decode("ascii")


def _bcrypt_impl(args: list[Value], _ret: Type) -> Value:
    cost = _BCRYPT_DEFAULT_COST
    if len(args) > 1:
        n = args[1].raw
        if not num.is_integer(n) or not _INT64_MIN <= int(n) <= _INT64_MAX:
            raise FunctionCallError(
                f"value must be a whole number, between {_INT64_MIN} and {_INT64_MAX}"
            )
        cost = int(n)
    if len(args) > 2:
        raise FunctionCallError("bcrypt() takes no more than two arguments")
    password = args[0].raw.encode("utf-8")
    if cost < _BCRYPT_MIN_COST:
        cost = _BCRYPT_DEFAULT_COST
    if cost > _BCRYPT_MAX_COST:
        raise FunctionCallError(
            f"error occured generating password crypto/bcrypt: cost {cost} is outside allowed range "
            f"({_BCRYPT_MIN_COST},{_BCRYPT_MAX_COST})"
        )
    if len(password) > 72:
        raise FunctionCallError("error occured generating password bcrypt: password length exceeds 72 bytes")
    import bcrypt as _bcrypt

    hashed = _bcrypt.hashpw(password, _bcrypt.gensalt(rounds=cost, prefix=b"2a"))
    return Value.string(hashed.decode("ascii"))


def _rsadecrypt(args: list[Value], _ret: Type) -> Value:
    ciphertext_b64: str = args[0].raw
    try:
        ciphertext = base64.b64decode(
            ciphertext_b64.replace("\r", "").replace("\n", "").encode("utf-8"), validate=True
        )
    except ValueError:
        raise ArgError(
            0, f"failed to decode input {go_quote(ciphertext_b64)}: cipher text must be base64-encoded"
        ) from None
    try:
        key = load_rsa_private_key(args[1].raw)
    except ValueError as exc:
        raise ArgError(1, str(exc)) from None
    try:
        plaintext = decrypt_pkcs1v15(key, ciphertext)
    except ValueError as exc:
        raise FunctionCallError(f"failed to decrypt: {exc}") from None
    # The reference keeps invalid UTF-8 bytes in the string; they are replaced here.
    return Value.string(plaintext.decode("utf-8", errors="replace"))


_PEM_BLOCK = re.compile(
    r"^-----BEGIN ([^\n]*?)-----[ \t]*\r?\n(.*?)^-----END \1-----", re.DOTALL | re.MULTILINE
)
# PEM labels and the loaders that read exactly that encoding.
_PEM_PARSERS = {
    "RSA PRIVATE KEY": "PKCS1",
    "PRIVATE KEY": "PKCS8",
    "EC PRIVATE KEY": "EC",
    "DSA PRIVATE KEY": "DSA",
}
_DER_LABELS = {"PKCS1": "RSA PRIVATE KEY", "PKCS8": "PRIVATE KEY", "EC": "EC PRIVATE KEY", "DSA": "DSA PRIVATE KEY"}


def _pem_block(text: str) -> tuple[str, dict[str, str], bytes] | None:
    """The first well-formed PEM block: its label, headers and decoded body."""
    for match in _PEM_BLOCK.finditer(text):
        label, body = match.group(1), match.group(2)
        headers: dict[str, str] = {}
        lines = body.splitlines()
        while lines and ":" in lines[0]:
            name, _, value = lines.pop(0).partition(":")
            headers[name.strip()] = value.strip()
        if headers and lines and not lines[0].strip():
            lines.pop(0)
        try:
            der = base64.b64decode("".join("".join(lines).split()), validate=True)
        except (ValueError, binascii.Error):
            continue
        return label, headers, der
    return None


def _load_der(der: bytes, encoding: str) -> object:
    label = _DER_LABELS[encoding]
    from cryptography.hazmat.primitives import serialization

    pem = f"-----BEGIN {label}-----\n{base64.encodebytes(der).decode('ascii')}-----END {label}-----\n"
    return serialization.load_pem_private_key(pem.encode("ascii"), password=None)


def _parses_as(der: bytes, encoding: str) -> bool:
    try:
        _load_der(der, encoding)
    except (ValueError, TypeError):
        return False
    return True


def load_rsa_private_key(text: str) -> rsa.RSAPrivateKey:
    """Read a PEM private key as the reference does; ValueError with its wording otherwise."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    block = _pem_block(text)
    if block is None:
        raise ValueError("invalid private key: ssh: no key found")
    label, headers, der = block
    if "ENCRYPTED" in headers.get("Proc-Type", ""):
        raise ValueError("invalid private key: ssh: this private key is passphrase protected")
    key: object
    if label == "OPENSSH PRIVATE KEY":
        try:
            key = serialization.load_ssh_private_key(text[text.index("-----BEGIN") :].encode("utf-8"), None)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"invalid private key: ssh: {exc}") from None
    elif label in _PEM_PARSERS:
        encoding = _PEM_PARSERS[label]
        try:
            key = _load_der(der, encoding)
        except (ValueError, TypeError):
            for other, parser in (("PKCS1", "ParsePKCS1PrivateKey"), ("EC", "ParseECPrivateKey"), ("PKCS8", "ParsePKCS8PrivateKey")):
                if other != encoding and _parses_as(der, other):
                    raise ValueError(
                        f"invalid private key: x509: failed to parse private key (use {parser} instead for this key format)"
                    ) from None
            raise ValueError("invalid ASN1 data in the given private key") from None
    else:
        raise ValueError(f"invalid private key: ssh: unsupported key type {go_quote(label)}")
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError(f"invalid private key type {type(key).__name__}")
    return key


def decrypt_pkcs1v15(key: rsa.RSAPrivateKey, ciphertext: bytes) -> bytes:
    """RSAES-PKCS1-v1_5 decryption with the reference's single error for every failure.

    Done with the raw RSA operation so that invalid padding is an error (no
    implicit rejection).
    """
    numbers = key.private_numbers()
    n, d = numbers.public_numbers.n, numbers.d
    k = (n.bit_length() + 7) // 8
    c = int.from_bytes(ciphertext, "big")
    if k < 11 or len(ciphertext) != k or c >= n:
        raise ValueError("crypto/rsa: decryption error")
    em = pow(c, d, n).to_bytes(k, "big")
    separator = em.find(b"\x00", 2)
    if em[0] != 0 or em[1] != 2 or separator < 10:
        raise ValueError("crypto/rsa: decryption error")
    return em[separator + 1 :]


def _uuid_impl(_args: list[Value], _ret: Type) -> Value:
    return Value.string(str(_uuid.uuid4()))


def parse_uuid(text: str) -> _uuid.UUID:
    """Parse a UUID in the forms the reference accepts; ValueError with its wording otherwise."""
    raw = text.encode("utf-8")
    if len(raw) == 36 + 9:
        if raw[:9].lower() != b"urn:uuid:":
            raise ValueError(f"invalid urn prefix: {go_quote(raw[:9].decode('utf-8', 'replace'))}")
        raw = raw[9:]
    elif len(raw) == 36 + 2:
        raw = raw[1:37]
    elif len(raw) == 32:
        return _from_hex(raw)
    elif len(raw) != 36:
        raise ValueError(f"invalid UUID length: {len(raw)}")
    if raw[8:9] != b"-" or raw[13:14] != b"-" or raw[18:19] != b"-" or raw[23:24] != b"-":
        raise ValueError("invalid UUID format")
    return _from_hex(raw.replace(b"-", b""))


def _from_hex(raw: bytes) -> _uuid.UUID:
    if len(raw) != 32 or any(c not in b"0123456789abcdefABCDEF" for c in raw):
        raise ValueError("invalid UUID format")
    return _uuid.UUID(hex=raw.decode("ascii"))


def _uuidv5(args: list[Value], _ret: Type) -> Value:
    name: str = args[0].raw
    namespace = _NAMESPACES.get(name)
    if namespace is None:
        try:
            namespace = parse_uuid(name)
        except ValueError as exc:
            raise FunctionCallError(f"uuidv5() doesn't support namespace {name} ({exc})") from None
    digest = hashlib.sha1(namespace.bytes + args[1].raw.encode("utf-8")).digest()
    return Value.string(str(_uuid.UUID(bytes=digest[:16], version=5)))


def functions(_ctx: FunctionContext) -> list[Function]:
    return [
        _hash_function("md5", _hex("md5"), "Computes the MD5 hash of a string, in hexadecimal."),
        _hash_function("sha1", _hex("sha1"), "Computes the SHA-1 hash of a string, in hexadecimal."),
        _hash_function("sha256", _hex("sha256"), "Computes the SHA-256 hash of a string, in hexadecimal."),
        _hash_function("sha512", _hex("sha512"), "Computes the SHA-512 hash of a string, in hexadecimal."),
        _hash_function("base64sha256", _base64("sha256"), "Computes the SHA-256 hash of a string, in Base64."),
        _hash_function("base64sha512", _base64("sha512"), "Computes the SHA-512 hash of a string, in Base64."),
        Function(
            "bcrypt",
            (Parameter("str", STRING, description="The password to hash."),),
            fixed_type(STRING),
            _bcrypt_impl,
            variadic=Parameter("cost", NUMBER, description="The work factor; 10 when not given."),
            description="Computes a bcrypt hash of a string with a random salt.",
            extra=IMPURE,
        ),
        Function(
            "rsadecrypt",
            (
                Parameter("ciphertext", STRING, description="Base64-encoded PKCS #1 v1.5 ciphertext."),
                Parameter("privatekey", STRING, description="The RSA private key in PEM format."),
            ),
            fixed_type(STRING),
            _rsadecrypt,
            description="Decrypts an RSA-encrypted ciphertext, returning the plaintext.",
        ),
        Function(
            "uuid", (), fixed_type(STRING), _uuid_impl, description="Generates a random version 4 UUID.", extra=IMPURE
        ),
        Function(
            "uuidv5",
            (
                Parameter("namespace", STRING, description='"dns", "url", "oid", "x500" or a UUID.'),
                Parameter("name", STRING, description="The name to derive the UUID from."),
            ),
            fixed_type(STRING),
            _uuidv5,
            description="Generates a name-based version 5 UUID.",
        ),
    ]
