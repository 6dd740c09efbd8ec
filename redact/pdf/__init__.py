"""What the apply stage does to a PDF, one thing per module.

``content`` (content-stream tokens), ``objects`` (reading object dictionaries by xref),
``layers`` (content no one sees: hidden optional content, clipped and off-page text),
``scrub`` (the hidden channels), ``glyphs`` (a page's glyphs and which lie in a box),
``redactions`` (MuPDF's redaction annotations), ``draw`` (boxes and their labels) and
``mupdf`` (every call below PyMuPDF's public API, with the version it was checked against).
"""
