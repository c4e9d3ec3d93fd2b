"""Filesystem functions: paths, reading files, hashing files, fileset, templatefile.

Relative paths are taken from ``ctx.base_dir`` (the module directory) and
``~`` expands to the home directory, except in ``abspath``, which resolves
against the working directory as the reference does. Path text is cleaned
lexically with the reference's rules (``clean_path``), so results and
messages name the same paths. A sensitive path argument makes the result
sensitive and is never shown in an error message.

``fileset`` follows the reference's glob dialect: the pattern is split at
``/`` first, ``**`` as a whole component matches any number of directories,
``*`` and ``?`` stay within one name and match leading dots, ``[^...]``
negates a class (``!`` does not), and ``{a,b}`` alternatives cannot contain
``/``.
"""

from __future__ import annotations

import base64
import errno
import hashlib
import os
import posixpath
import pwd
import stat
from collections.abc import Callable

from hclrun.functions.registry import FunctionContext
from hclrun.functions.spec import ArgError, Function, FunctionCallError, Parameter, fixed_type
from hclrun.values.strings import go_quote
from hclrun.values.types import BOOL, DYNAMIC, STRING, SetType, Type
from hclrun.values.value import SENSITIVE, Value

_NO_FILE_HINT = (
    "; this function works only with files that are distributed as part of the configuration source code, "
    "so if this file will be created by a resource in this configuration you must instead obtain this result "
    "from an attribute of that resource"
)


class _GlobSyntaxError(Exception):
    pass


# ---------------------------------------------------------------- path text


def clean_path(path: str) -> str:
    """Lexical cleaning as the reference does it (a leading ``//`` becomes ``/``)."""
    cleaned = posixpath.normpath(path)
    return cleaned[1:] if cleaned.startswith("//") else cleaned


def join_path(*parts: str) -> str:
    joined = "/".join(p for p in parts if p)
    return clean_path(joined) if joined else ""


def base_name(path: str) -> str:
    if not path:
        return "."
    path = path.rstrip("/")
    return path[path.rfind("/") + 1 :] if path else "/"


def dir_name(path: str) -> str:
    return clean_path(path[: path.rfind("/") + 1])


def _home_dir() -> str:
    home = os.environ.get("HOME", "")
    if not home:
        try:
            home = pwd.getpwuid(os.getuid()).pw_dir
        except KeyError:
            home = ""
    if not home:
        raise ValueError("blank output when reading home directory")
    return home


def expand_home(path: str) -> str:
    """Expand a leading ``~`` or ``~/``; ValueError for ``~user``."""
    if not path.startswith("~"):
        return path
    if len(path) > 1 and path[1] not in "/\\":
        raise ValueError("cannot expand user-specific home dir")
    return join_path(_home_dir(), path[1:])


def _display(path: str, marks: frozenset[str]) -> str:
    return "(sensitive value)" if SENSITIVE in marks else go_quote(path)


def _os_error(operation: str, path: str, exc: OSError) -> str:
    """An OS error worded as the reference's ("open x: no such file or directory")."""
    reason = exc.strerror or str(exc)
    return f"{operation} {path}: {reason[:1].lower()}{reason[1:]}"


# ---------------------------------------------------------------- reading


def _refuse_nul(full: str) -> None:
    """Python refuses a path with U+0000 by ValueError; the OS answer is "invalid argument"."""
    if "\x00" in full:
        raise OSError(errno.EINVAL, "invalid argument", full)


def _resolve(base_dir: str, path: str) -> str:
    try:
        path = expand_home(path)
    except ValueError as exc:
        raise FunctionCallError(f"failed to expand ~: {exc}") from None
    return clean_path(path if path.startswith("/") else join_path(base_dir, path))


def _read_bytes(base_dir: str, path: str) -> bytes:
    """The file's bytes; FunctionCallError worded as the reference's plain open/read errors."""
    full = _resolve(base_dir, path)
    try:
        _refuse_nul(full)
        with open(full, "rb") as f:
            return f.read()
    except IsADirectoryError as exc:
        raise FunctionCallError(_os_error("read", full, exc)) from None
    except OSError as exc:
        raise FunctionCallError(_os_error("open", full, exc)) from None


def _read_file_argument(base_dir: str, path: str, marks: frozenset[str]) -> bytes:
    """The file's bytes for ``file``-like functions: failures are about the path argument."""
    try:
        full = _resolve(base_dir, path)
    except FunctionCallError as exc:
        raise ArgError(0, exc.message) from None
    try:
        _refuse_nul(full)
        with open(full, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise ArgError(0, f"no file exists at {_display(path, marks)}{_NO_FILE_HINT}") from None
    except IsADirectoryError as exc:
        raise ArgError(0, f"failed to read file: {_os_error('read', full, exc)}") from None
    except OSError as exc:
        raise ArgError(0, _os_error("open", full, exc)) from None


def _decode_text(data: bytes, path: str, marks: frozenset[str]) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise FunctionCallError(
            f"contents of {_display(path, marks)} are not valid UTF-8; use the filebase64 function to obtain "
            "the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain "
            "file hashing results instead"
        ) from None


def _path_argument(args: list[Value]) -> tuple[str, frozenset[str]]:
    value, marks = args[0].unmark()
    return value.raw, marks


def _file(ctx: FunctionContext) -> Callable[[list[Value], Type], Value]:
    def impl(args: list[Value], _ret: Type) -> Value:
        path, marks = _path_argument(args)
        data = _read_file_argument(ctx.base_dir, path, marks)
        return Value.string(_decode_text(data, path, marks)).with_marks(marks)

    return impl


def _filebase64(ctx: FunctionContext) -> Callable[[list[Value], Type], Value]:
    def impl(args: list[Value], _ret: Type) -> Value:
        path, marks = _path_argument(args)
        data = _read_file_argument(ctx.base_dir, path, marks)
        return Value.string(base64.b64encode(data).decode("ascii")).with_marks(marks)

    return impl


def _file_hash(ctx: FunctionContext, algorithm: str, encode_base64: bool) -> Callable[[list[Value], Type], Value]:
    def impl(args: list[Value], _ret: Type) -> Value:
        path, marks = _path_argument(args)
        digest = hashlib.new(algorithm, _read_bytes(ctx.base_dir, path))
        text = base64.b64encode(digest.digest()).decode("ascii") if encode_base64 else digest.hexdigest()
        return Value.string(text).with_marks(marks)

    return impl


def _fileexists(ctx: FunctionContext) -> Callable[[list[Value], Type], Value]:
    def impl(args: list[Value], _ret: Type) -> Value:
        path, marks = _path_argument(args)
        full = _resolve(ctx.base_dir, path)
        try:
            _refuse_nul(full)
            mode = os.stat(full).st_mode
        except FileNotFoundError:
            return Value.bool(False).with_marks(marks)
        except OSError:
            raise FunctionCallError(f"failed to stat {_display(full, marks)}") from None
        if stat.S_ISREG(mode):
            return Value.bool(True).with_marks(marks)
        shown = _display(full, marks)
        if stat.S_ISDIR(mode):
            raise FunctionCallError(f"{shown} is a directory, not a file")
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            raise FunctionCallError(f"{shown} is a device node, not a regular file")
        if stat.S_ISFIFO(mode):
            raise FunctionCallError(f"{shown} is a named pipe, not a regular file")
        if stat.S_ISSOCK(mode):
            raise FunctionCallError(f"{shown} is a unix domain socket, not a regular file")
        raise FunctionCallError(f"{shown} is not a regular file")

    return impl


# ---------------------------------------------------------------- fileset


def _split_unescaped(text: str, separator: str) -> list[str]:
    """Split at separators not preceded by a backslash; a trailing empty part is dropped."""
    if separator not in text:
        return [text]
    parts: list[str] = []
    start = 0
    while start < len(text):
        end = _index_unescaped(text[start:], separator)
        end = len(text) if end == -1 else end + start
        parts.append(text[start:end])
        start = end + 1
    return parts


def _index_unescaped(text: str, ch: str) -> int:
    end = text.find(ch)
    if end > 0 and text[end - 1] == "\\":
        start = end + 1
        rest = _index_unescaped(text[start:], ch)
        return rest + start if rest != -1 else -1
    return end


def match_name(pattern: str, name: str) -> bool:
    """Whether one path component matches one pattern component; _GlobSyntaxError if malformed."""
    if not pattern:
        return not name
    if not name and pattern != "*":
        return False
    p = n = 0
    while p < len(pattern) and n < len(name):
        c = pattern[p]
        if c == "\\":
            p += 1
            if p >= len(pattern):
                raise _GlobSyntaxError
            if pattern[p] != name[n]:
                return False
            p += 1
            n += 1
        elif c == "*":
            p += 1
            if p >= len(pattern):
                return True
            return any(_match_quietly(pattern[p:], name[i:]) for i in range(n, len(name)))
        elif c == "[":
            end = _index_unescaped(pattern[p + 1 :], "]")
            if end == -1:
                raise _GlobSyntaxError
            end += p + 1
            if not _class_matches(pattern[p + 1 : end], name[n]):
                return False
            p, n = end + 1, n + 1
        elif c == "{":
            end = _index_unescaped(pattern[p + 1 :], "}")
            if end == -1:
                raise _GlobSyntaxError
            end += p + 1
            rest = pattern[end + 1 :]
            return any(match_name(option + rest, name[n:]) for option in _split_unescaped(pattern[p + 1 : end], ","))
        elif c == "?" or c == name[n]:
            p += 1
            n += 1
        else:
            return False
    rest = pattern[p:]
    return (n >= len(name) and (not rest or rest == "*")) or rest == "**"


def _match_quietly(pattern: str, name: str) -> bool:
    """A match attempt after ``*``, where the reference ignores syntax errors."""
    try:
        return match_name(pattern, name)
    except _GlobSyntaxError:
        return False


def _class_matches(spec: str, ch: str) -> bool:
    if not spec:
        raise _GlobSyntaxError
    negated = spec[0] == "^"
    i = 1 if negated else 0
    matched = False
    while i < len(spec):
        low = spec[i]
        if low == "-":
            raise _GlobSyntaxError
        i += 1
        if low == "\\":
            if i >= len(spec):
                raise _GlobSyntaxError
            low, i = spec[i], i + 1
        high = low
        if i < len(spec) and spec[i] == "-":
            i += 1
            if i >= len(spec) or spec[i] == "-":
                raise _GlobSyntaxError
            high, i = spec[i], i + 1
            if high == "\\":
                if i >= len(spec):
                    raise _GlobSyntaxError
                high, i = spec[i], i + 1
        if low <= ch <= high:
            matched = True
    return matched != negated


def glob(pattern: str) -> list[str]:
    """Paths matching ``pattern`` (files and directories); _GlobSyntaxError if malformed."""
    components = _split_unescaped(pattern, "/")
    matches: list[str] = []
    _glob_into("/" if components[0] == "" else ".", components, matches)
    return matches


def _glob_into(base: str, components: list[str], matches: list[str]) -> None:
    literal = 0
    while literal < len(components) and not any(m in components[literal] for m in "*?[{\\"):
        literal += 1
    if literal:
        base = join_path(base, join_path(*components[:literal]))
    if not os.path.lexists(base):
        return
    if literal >= len(components):
        matches.append(base)
        return
    if not os.path.isdir(base):
        return
    try:
        entries = sorted(os.scandir(base), key=lambda e: e.name)
    except OSError:
        return
    rest = components[literal:]
    last = len(rest) == 1
    if rest[0] == "**":
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if last:
                    matches.append(join_path(base, entry.name))
                _glob_into(join_path(base, entry.name), rest, matches)
            elif last:
                matches.append(join_path(base, entry.name))
        if last:
            return
        rest = rest[1:]
        last = len(rest) == 1
    for entry in entries:
        if match_name(rest[0], entry.name):
            if last:
                matches.append(join_path(base, entry.name))
            else:
                _glob_into(join_path(base, entry.name), rest[1:], matches)


def _fileset(ctx: FunctionContext) -> Callable[[list[Value], Type], Value]:
    def impl(args: list[Value], _ret: Type) -> Value:
        path_value, path_marks = args[0].unmark()
        pattern_value, pattern_marks = args[1].unmark()
        marks = path_marks | pattern_marks
        path = path_value.raw
        if not path.startswith("/"):
            path = join_path(ctx.base_dir, path)
        pattern = join_path(path, pattern_value.raw)
        try:
            found = glob(pattern)
        except _GlobSyntaxError:
            raise FunctionCallError(
                f"failed to glob pattern {_display(pattern, marks)}: syntax error in pattern"
            ) from None
        names: list[Value] = []
        for match in found:
            try:
                mode = os.stat(match).st_mode
            except OSError as exc:
                raise FunctionCallError(
                    f"failed to stat {_display(match, marks)}: {_os_error('stat', match, exc)}"
                ) from None
            if stat.S_ISREG(mode):
                names.append(Value.string(os.path.relpath(match, path)))
        return Value.set(names, STRING).with_marks(marks)

    return impl


# ---------------------------------------------------------------- templatefile


def _templatefile(ctx: FunctionContext) -> Callable[[list[Value], Type], Value]:
    """Reads the template; the renderer checks variable names, parses and evaluates it."""

    def impl(args: list[Value], _ret: Type) -> Value:
        path, marks = _path_argument(args)
        source = _decode_text(_read_file_argument(ctx.base_dir, path, marks), path, marks)
        variables = args[1]
        if not (variables.type.is_map or variables.type.is_object):
            raise ArgError(1, "invalid vars value: must be a map")
        if ctx.template_renderer is None:
            raise FunctionCallError("templates cannot be rendered in this context")
        return ctx.template_renderer(source, path, dict(variables.raw)).with_marks(marks)

    return impl


def _templatefile_params() -> tuple[Parameter, ...]:
    return (
        Parameter("path", STRING, allow_marked=True, description="The template file, relative to the module."),
        Parameter("vars", DYNAMIC, description="An object or map of the variables the template may use."),
    )


# ---------------------------------------------------------------- table


def _pure_path_function(name: str, transform: Callable[[str], str], description: str) -> Function:
    def impl(args: list[Value], _ret: Type) -> Value:
        try:
            return Value.string(transform(args[0].raw))
        except ValueError as exc:
            raise FunctionCallError(str(exc)) from None

    return Function(name, (Parameter("path", STRING, description="A filesystem path."),), fixed_type(STRING), impl,
                    description=description)


def _working_directory() -> str:
    """The working directory, spelled as ``$PWD`` when that names it (as the reference does)."""
    pwd_env = os.environ.get("PWD", "")
    try:
        if pwd_env.startswith("/") and os.path.samefile(pwd_env, "."):
            return pwd_env
    except OSError:
        pass
    return os.getcwd()


def _abspath(path: str) -> str:
    return clean_path(path if path.startswith("/") else join_path(_working_directory(), path))


def functions(ctx: FunctionContext) -> list[Function]:
    def reading(name: str, impl: Callable[[list[Value], Type], Value], ret: Type, description: str) -> Function:
        path = Parameter("path", STRING, allow_marked=True, description="A file path, relative to the module.")
        return Function(name, (path,), fixed_type(ret), impl, description=description)

    hashes = [
        ("filemd5", "md5", False, "MD5 hash of a file's contents, in hexadecimal."),
        ("filesha1", "sha1", False, "SHA-1 hash of a file's contents, in hexadecimal."),
        ("filesha256", "sha256", False, "SHA-256 hash of a file's contents, in hexadecimal."),
        ("filesha512", "sha512", False, "SHA-512 hash of a file's contents, in hexadecimal."),
        ("filebase64sha256", "sha256", True, "SHA-256 hash of a file's contents, in Base64."),
        ("filebase64sha512", "sha512", True, "SHA-512 hash of a file's contents, in Base64."),
    ]
    return [
        _pure_path_function("abspath", _abspath, "Converts a path to an absolute path."),
        _pure_path_function("basename", base_name, "The last element of a path."),
        _pure_path_function("dirname", dir_name, "A path without its last element."),
        _pure_path_function("pathexpand", expand_home, "Expands a leading ~ to the home directory."),
        reading("file", _file(ctx), STRING, "Reads a UTF-8 text file."),
        reading("filebase64", _filebase64(ctx), STRING, "Reads a file as Base64-encoded bytes."),
        reading("fileexists", _fileexists(ctx), BOOL, "Whether a regular file exists at a path."),
        *(reading(n, _file_hash(ctx, algorithm, b64), STRING, d) for n, algorithm, b64, d in hashes),
        Function(
            "fileset",
            (
                Parameter("path", STRING, allow_marked=True, description="The directory to search from."),
                Parameter("pattern", STRING, allow_marked=True, description="A glob pattern."),
            ),
            fixed_type(SetType(STRING)),
            _fileset(ctx),
            description="The set of file names under a directory matching a glob pattern.",
        ),
        Function(
            "templatefile",
            _templatefile_params(),
            fixed_type(DYNAMIC),
            _templatefile(ctx),
            description="Renders a template file with the given variables.",
        ),
    ]
