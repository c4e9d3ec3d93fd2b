"""Keeping credentials out of messages.

A source address may carry secrets: ``https://user:token@host/…``,
``https://token@host/…``, or query parameters such as ``sshkey``,
``aws_access_key_secret`` or a signed URL's ``X-Amz-Signature``. Every
message shows addresses through ``redact_address``; text produced by other
programs (git's error output) goes through ``scrub`` with the secrets of the
address involved.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

REDACTED = "xxxxx"

# User names that are conventional and never secret (``git@github.com``).
_PUBLIC_USERS = frozenset(("git", "ssh", "hg", "anonymous"))
_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)(?P<userinfo>[^@/?#\s]*)@")
_SECRET_PARAM = re.compile(
    r"(?i)^(sshkey|.*token.*|.*secret.*|.*password.*|.*signature.*|.*credential.*|aws_access_key_id|key|sig)$"
)
_QUERY_PAIR = re.compile(r"(?P<sep>[?&])(?P<name>[^=&#\s]+)=(?P<value>[^&#\s]*)")


def _redact_userinfo(match: re.Match[str]) -> str:
    userinfo = match.group("userinfo")
    user, colon, _password = userinfo.partition(":")
    if colon:
        return f"{match.group('scheme')}{user}:{REDACTED}@"
    if user in _PUBLIC_USERS:
        return match.group(0)
    return f"{match.group('scheme')}{REDACTED}@"


def _redact_param(match: re.Match[str]) -> str:
    if _SECRET_PARAM.match(match.group("name")) and match.group("value"):
        return f"{match.group('sep')}{match.group('name')}={REDACTED}"
    return match.group(0)


def redact_address(address: str) -> str:
    """``address`` with passwords, token-like user names and secret query values replaced."""
    text = _USERINFO.sub(_redact_userinfo, address)
    return _QUERY_PAIR.sub(_redact_param, text)


def secrets_in(address: str) -> list[str]:
    """The secret substrings of ``address`` (raw and URL-decoded), longest first."""
    found: set[str] = set()
    for match in _USERINFO.finditer(address):
        user, colon, password = match.group("userinfo").partition(":")
        if colon and password:
            found.add(password)
        elif not colon and user and user not in _PUBLIC_USERS:
            found.add(user)
    for match in _QUERY_PAIR.finditer(address):
        if _SECRET_PARAM.match(match.group("name")) and match.group("value"):
            found.add(match.group("value"))
    found |= {unquote(s) for s in found}
    return sorted((s for s in found if len(s) >= 3), key=len, reverse=True)


def scrub(text: str, secrets: list[str]) -> str:
    """``text`` with every occurrence of each secret replaced and any URL credentials redacted."""
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    return redact_address(text)
