"""Reading PDF object dictionaries by xref: indirect references and the values they point to."""

from __future__ import annotations

import re

import pymupdf

_REF = re.compile(r"/([^\s/<>\[\]()%]+)\s*(\d+)\s+\d+\s+R")


def refs(text: str) -> list[int]:
    """The object numbers of the indirect references (``12 0 R``) in an object's source."""
    return [int(x) for x in re.findall(r"(\d+)\s+\d+\s+R", text)]


def named_refs(doc: pymupdf.Document, xref: int, path: str) -> dict[bytes, int]:
    """A dictionary of names to indirect objects at ``path`` below object ``xref``."""
    kind, value = doc.xref_get_key(xref, path)
    if kind == "xref":
        value = doc.xref_object(refs(value)[0], compressed=True)
    elif kind != "dict":
        return {}
    return {b"/" + name.encode("latin-1"): int(ref) for name, ref in _REF.findall(value)}


def dict_text(doc: pymupdf.Document, xref: int, key: str) -> str:
    """The source of the value at ``key``, following one indirect reference."""
    kind, value = doc.xref_get_key(xref, key)
    if kind == "xref":
        ref = refs(value)[0]
        text: str = value if doc.xref_is_stream(ref) else doc.xref_object(ref, compressed=True)
        return text
    return "" if kind == "null" else str(value)
