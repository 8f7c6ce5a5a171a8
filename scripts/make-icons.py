#!/usr/bin/env python3
"""Draws the app icons (the character 工 in white on union red) as PNGs with no
dependencies beyond the standard library. Run once; the PNGs are committed."""
import struct, zlib, pathlib

RED = (179, 38, 30)
WHITE = (255, 255, 255)

def png(path, size, glyph_scale):
    # 工 is three rectangles: top bar, stem, bottom bar. glyph_scale < 1 keeps
    # the maskable icon's drawing inside the 80% safe zone.
    g = size * glyph_scale
    x0 = (size - g) / 2
    bar = g * 0.14
    rects = [
        (x0 + g * 0.12, x0 + g * 0.10, x0 + g * 0.88, x0 + g * 0.10 + bar),
        (x0 + g * 0.43, x0 + g * 0.10, x0 + g * 0.57, x0 + g * 0.90),
        (x0 + g * 0.02, x0 + g * 0.90 - bar, x0 + g * 0.98, x0 + g * 0.90),
    ]
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            inside = any(l <= x + 0.5 < r and t <= y + 0.5 < b for l, t, r, b in rects)
            row += bytes(WHITE if inside else RED)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    pathlib.Path(path).write_bytes(data)

out = pathlib.Path(__file__).resolve().parent.parent / "public" / "icons"
out.mkdir(parents=True, exist_ok=True)
png(out / "icon-192.png", 192, 0.72)
png(out / "icon-512.png", 512, 0.72)
png(out / "icon-maskable-512.png", 512, 0.56)
