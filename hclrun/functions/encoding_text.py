"""Character encodings by IANA name for ``textencodebase64`` and
``textdecodebase64``: names and aliases match case-insensitively; each maps
to its canonical IANA name (used in error messages) and a Python codec."""

from __future__ import annotations

import codecs

from hclrun.records import record


@record
class Encoding:
    name: str
    codec: str

    def encode(self, text: str) -> bytes:
        """Raises UnicodeEncodeError for characters the encoding lacks."""
        if self.codec == "utf-16-bom-be":
            return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
        return text.encode(self.codec)

    def decode(self, data: bytes) -> str:
        """Raises UnicodeDecodeError for byte sequences the encoding does not define."""
        if self.codec == "utf-16-bom-be":
            if data.startswith(codecs.BOM_UTF16_LE):
                return data[2:].decode("utf-16-le")
            if data.startswith(codecs.BOM_UTF16_BE):
                data = data[2:]
            return data.decode("utf-16-be")
        return data.decode(self.codec)


# (canonical IANA name, Python codec, aliases)
_TABLE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("UTF-8", "utf-8", ("csUTF8",)),
    ("US-ASCII", "ascii", ("iso-ir-6", "ANSI_X3.4-1968", "ANSI_X3.4-1986", "ISO_646.irv:1991",
                           "ISO646-US", "us", "IBM367", "cp367", "csASCII")),
    ("ISO_8859-1:1987", "latin-1", ("iso-ir-100", "ISO_8859-1", "ISO-8859-1", "latin1", "l1",
                                    "IBM819", "CP819", "csISOLatin1")),
    ("ISO_8859-2:1987", "iso8859-2", ("iso-ir-101", "ISO_8859-2", "ISO-8859-2", "latin2", "l2",
                                      "csISOLatin2")),
    ("ISO_8859-5:1988", "iso8859-5", ("iso-ir-144", "ISO_8859-5", "ISO-8859-5", "cyrillic",
                                      "csISOLatinCyrillic")),
    ("ISO_8859-15", "iso8859-15", ("ISO-8859-15", "Latin-9", "csISO885915")),
    ("UTF-16BE", "utf-16-be", ("csUTF16BE",)),
    ("UTF-16LE", "utf-16-le", ("csUTF16LE",)),
    ("UTF-16", "utf-16-bom-be", ("csUTF16",)),
    ("UTF-32BE", "utf-32-be", ("csUTF32BE",)),
    ("UTF-32LE", "utf-32-le", ("csUTF32LE",)),
    ("windows-1250", "cp1250", ("cswindows1250",)),
    ("windows-1251", "cp1251", ("cswindows1251",)),
    ("windows-1252", "cp1252", ("cswindows1252",)),
    ("KOI8-R", "koi8-r", ("csKOI8R",)),
    ("KOI8-U", "koi8-u", ("csKOI8U",)),
    ("IBM866", "cp866", ("cp866", "866", "csIBM866")),
    ("Shift_JIS", "shift_jis", ("MS_Kanji", "csShiftJIS")),
    ("EUC-JP", "euc-jp", ("csEUCPkdFmtJapanese", "Extended_UNIX_Code_Packed_Format_for_Japanese")),
    ("ISO-2022-JP", "iso2022_jp", ("csISO2022JP",)),
    ("EUC-KR", "euc-kr", ("csEUCKR",)),
    ("GBK", "gbk", ("CP936", "MS936", "windows-936", "csGBK")),
    ("GB18030", "gb18030", ("csGB18030",)),
    ("Big5", "big5", ("csBig5",)),
)

_BY_NAME: dict[str, Encoding] = {}
for _name, _codec, _aliases in _TABLE:
    _enc = Encoding(_name, _codec)
    for _alias in (_name, *_aliases):
        _BY_NAME[_alias.lower()] = _enc


def lookup_encoding(name: str) -> Encoding | None:
    return _BY_NAME.get(name.lower())
