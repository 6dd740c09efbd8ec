"""Content streams: their tokens, and the stream without hidden optional content.

A content stream is lexed as bytes (operators, operands, inline images), never parsed into
objects: what is not hidden is written back exactly as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_WS = b"\x00\t\n\x0c\r "
_DELIM = b"()<>[]{}/%"
_EI = re.compile(rb"[\x00\t\n\x0c\r ]EI(?=[\x00\t\n\x0c\r ]|$)")


def content_tokens(data: bytes) -> Iterator[tuple[str, int, int]]:
    """Tokens of a content stream as (kind, start, end): kind is op, operand or inline.

    An inline image (BI ... ID data EI) is one token of kind ``inline``.
    """
    i, n = 0, len(data)
    while i < n:
        c = data[i]
        if c in _WS:
            i += 1
        elif c == 0x25:  # % comment
            while i < n and data[i] not in b"\r\n":
                i += 1
        elif c == 0x28:  # ( literal string )
            start, depth, i = i, 1, i + 1
            while i < n and depth:
                if data[i] == 0x5C:
                    i += 2
                    continue
                depth += {0x28: 1, 0x29: -1}.get(data[i], 0)
                i += 1
            yield "operand", start, min(i, n)
        elif c == 0x3C:  # <hex> or <<
            if data[i + 1:i + 2] == b"<":
                yield "operand", i, i + 2
                i += 2
            else:
                end = data.find(b">", i)
                end = n if end < 0 else end + 1
                yield "operand", i, end
                i = end
        elif c == 0x3E:  # >>
            width = 2 if data[i + 1:i + 2] == b">" else 1
            yield "operand", i, i + width
            i += width
        elif c in b"[]{}":
            yield "operand", i, i + 1
            i += 1
        else:
            start = i
            i += 1
            while i < n and data[i] not in _WS and (data[i] not in _DELIM or c == 0x2F and i == start):
                i += 1
            word = data[start:i]
            if c == 0x2F or word[:1] in b"+-.0123456789" or word in (b"true", b"false", b"null"):
                yield "operand", start, i
            elif word == b"BI":
                found = data.find(b"ID", i)
                match = _EI.search(data, found + 3) if found >= 0 else None
                end = match.end() if match else n
                yield "inline", start, end
                i = end
            else:
                yield "op", start, i


# Operators that neither paint nor show anything: kept inside hidden content so that the
# graphics state, text objects and marked-content nesting stay balanced.
_STATE_OPS = frozenset(
    b"q Q cm gs w J j M d ri i CS cs SC SCN sc scn G g RG rg K k BT ET Tc Tw Tz TL Tf Tr Ts "
    b"Td TD Tm T* BX EX".split()
)


def filter_hidden(data: bytes, hidden_props: set[bytes], hidden_xobjects: set[bytes]) -> bytes:
    """The content stream without hidden optional content and without OC markers.

    ``hidden_props`` are the property names (``/MC0``) whose optional-content group is off;
    ``hidden_xobjects`` the XObject names (``/Im1``) that carry a hidden /OC. Everything
    between ``/OC /name BDC`` and its ``EMC`` is dropped for a hidden name, and only the
    markers are dropped for a visible one, so the content no longer depends on layers.
    """
    out: list[bytes] = []
    stack: list[str] = []  # per open marked-content sequence: drop | strip | keep
    hiding = 0
    seg_start: int | None = None
    operands: list[tuple[int, int]] = []
    for kind, start, end in content_tokens(data):
        if kind == "operand":
            if seg_start is None:
                seg_start = start
            operands.append((start, end))
            continue
        seg = data[seg_start if seg_start is not None else start:end]
        args = [data[s:e] for s, e in operands]
        seg_start, operands = None, []
        op = data[start:end] if kind == "op" else b"BI"
        if op == b"BDC" and args and args[0] == b"/OC":
            hidden = hiding > 0 or (len(args) > 1 and args[1] in hidden_props)
            stack.append("drop" if hidden else "strip")
            hiding += hidden
            continue
        if op in (b"BMC", b"BDC"):
            stack.append("keep")
            if not hiding:
                out.append(seg)
            continue
        if op == b"EMC":
            state = stack.pop() if stack else "keep"
            if state == "drop":
                hiding -= 1
            elif state == "keep" and not hiding:
                out.append(seg)
            continue
        if hiding:
            if op in _STATE_OPS:
                out.append(seg)
            elif op == b"'":
                out.append(b"T*")
            elif op == b'"' and len(args) >= 2:
                out.append(args[0] + b" Tw " + args[1] + b" Tc T*")
            continue
        if op == b"Do" and args and args[-1] in hidden_xobjects:
            continue
        out.append(seg)
    return b"\n".join(out) + b"\n"
