#!/usr/bin/env python3
"""Remake the bundled font subsets in assets/fonts/ from Debian's font packages.

Needs: fonttools (pyftsubset), fonts-noto-cjk, fonts-lxgw-wenkai, fonts-liberation2.
Usage:  scripts/subset-fonts.py [--charset gb2312|gbk] [OUT_DIR]

The character set is GB2312 or GBK (every valid two-byte code decoded, private-use
mappings dropped) plus the Latin, punctuation and symbol blocks reports use. Only
the default and simplified-Chinese (ZHS) language systems are kept, so the
Japanese, Korean and traditional-Chinese glyph variants do not bloat the subsets.
The Noto faces' CFF outlines are converted to TrueType (quadratic) outlines, within
1/1000 em: subsetting TrueType glyphs for each PDF copies them, where CFF charstrings
are decompiled and compiled again glyph by glyph; 8% fewer instructions per document
for PDFs 3% larger (docs/performance.md).
The output is deterministic: the same inputs give the same bytes.
"""

import argparse
import os
import subprocess
import sys
import tempfile

NOTO = "/usr/share/fonts/opentype/noto"
LXGW = "/usr/share/fonts/truetype/lxgw-wenkai"
LIBERATION = "/usr/share/fonts/truetype/liberation2"

# (output file, source file, collection index or None, new family name or None).
# Index 2 of the Noto CJK collections is the SC (simplified Chinese) face.
# LXGW WenKai reserves the font names "霞鹜" and "LXGW" (OFL-1.1 RFN), and a subset
# is a Modified Version, so the subset gets a family name of its own.
FONTS = [
    ("NotoSerifSC-Regular.ttf", f"{NOTO}/NotoSerifCJK-Regular.ttc", 2, None),
    ("NotoSerifSC-Bold.ttf", f"{NOTO}/NotoSerifCJK-Bold.ttc", 2, None),
    ("NotoSansSC-Medium.ttf", f"{NOTO}/NotoSansCJK-Medium.ttc", 2, None),
    ("ZhprintKai-Regular.ttf", f"{LXGW}/LXGWWenKai-Regular.ttf", None, "Zhprint Kai"),
]

# The Latin face for digits and Latin words in the serif roles (Times New Roman's metrics,
# as practice uses): Liberation Serif reserves the name "Liberation", so renamed too.
# (output file, source file, new family name, style).
LATIN_FONTS = [
    ("ZhprintLatin-Regular.ttf", f"{LIBERATION}/LiberationSerif-Regular.ttf", "Zhprint Latin", "Regular"),
    ("ZhprintLatin-Bold.ttf", f"{LIBERATION}/LiberationSerif-Bold.ttf", "Zhprint Latin", "Bold"),
]
LATIN_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x017F),  # Latin-1, Latin Extended-A
    (0x2010, 0x2027),  # dashes, quotes, bullet, ellipsis
    (0x2030, 0x203A),  # per mille, primes, single guillemets
    (0x20AC, 0x20AC),  # euro
    (0x2122, 0x2122),  # trade mark
]

# Blocks that reports use besides the GB2312/GBK repertoire.
RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1
    (0x2000, 0x206F),  # general punctuation
    (0x2100, 0x218F),  # letterlike (℃ №), number forms (Ⅰ Ⅱ)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators (≤ ≥ ±)
    (0x2460, 0x24FF),  # enclosed alphanumerics (① ⑴ ⒈)
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes (■ ○ ◆)
    (0x2605, 0x2606),  # ★ ☆
    (0x2713, 0x2717),  # ✓ ✔ ✕ ✖ ✗
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3200, 0x32FF),  # enclosed CJK (㈠ ㊀)
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms
]


def double_byte(encoding):
    """Every character a valid two-byte code of `encoding` decodes to."""
    first = range(0xA1, 0xF8) if encoding == "gb2312" else range(0x81, 0xFF)
    second = range(0xA1, 0xFF) if encoding == "gb2312" else range(0x40, 0xFF)
    chars = set()
    for a in first:
        for b in second:
            try:
                s = bytes([a, b]).decode(encoding)
            except UnicodeDecodeError:
                continue
            if len(s) == 1 and not 0xE000 <= ord(s) <= 0xF8FF:
                chars.add(ord(s))
    return chars


def rename(path, family, style="Regular"):
    """Give the font at `path` the family name `family` and the style `style`."""
    from fontTools.ttLib import TTFont

    # recalcTimestamp=False keeps head.modified from the source: same input, same bytes.
    font = TTFont(path, recalcTimestamp=False)
    ps = family.replace(" ", "") + "-" + style
    full = family if style == "Regular" else f"{family} {style}"
    names = {1: family, 2: style, 3: f"{ps};subset", 4: full, 6: ps, 16: family, 17: style}
    table = font["name"]
    for record in list(table.names):
        if record.nameID in (1, 2, 3, 4, 6, 16, 17):
            table.removeNames(nameID=record.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
    if "CFF " in font:
        font["CFF "].cff.fontNames = [ps]
    font.save(path)


def to_truetype(path):
    """Replace the CFF outlines of the font at `path` by TrueType ones (cubic curves
    approximated by quadratics within 1 unit of 1000), metrics and layout kept."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(path, recalcTimestamp=False)
    if "CFF " not in font:
        return
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        # CFF contours run counter-clockwise, TrueType's clockwise.
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:  # vertical origins: a CFF-only table
        del font["VORG"]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                  "maxComponentElements", "maxPoints", "maxContours", "maxCompositePoints",
                  "maxCompositeContours", "maxComponentDepth"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(order)
    font["maxp"] = maxp  # the point and contour counts are recomputed on save
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0  # no glyph names: a CID font has none
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--charset", choices=["gb2312", "gbk"], default="gbk")
    ap.add_argument("out", nargs="?", default=os.path.join(os.path.dirname(__file__), "..", "assets", "fonts"))
    args = ap.parse_args()

    codes = double_byte(args.charset)
    for lo, hi in RANGES:
        codes.update(range(lo, hi + 1))
    hanzi = sum(1 for c in codes if 0x4E00 <= c <= 0x9FFF or 0x3400 <= c <= 0x4DBF or 0xF900 <= c <= 0xFAFF)
    print(f"{args.charset}: {len(codes)} code points, {hanzi} hanzi", file=sys.stderr)

    os.makedirs(args.out, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write(",".join(f"U+{c:04X}" for c in sorted(codes)))
        unicodes = f.name
    try:
        for name, src, index, family in FONTS:
            out = os.path.join(args.out, name)
            cmd = [
                "pyftsubset", src,
                f"--unicodes-file={unicodes}",
                f"--output-file={out}",
                "--layout-features=*",
                "--layout-scripts=DFLT.dflt,DFLT.ZHS,hani.dflt,hani.ZHS,latn.dflt,latn.ZHS,"
                "kana.dflt,kana.ZHS,grek.dflt,grek.ZHS,cyrl.dflt,cyrl.ZHS",
                "--no-hinting",
                "--name-IDs=*",  # keeps the copyright and the OFL notice (IDs 0, 13, 14)
                "--notdef-outline",
                "--no-recalc-timestamp",
            ]
            if index is not None:
                cmd.append(f"--font-number={index}")
            subprocess.run(cmd, check=True)
            if family:
                rename(out, family)
            to_truetype(out)
            print(f"{name}: {os.path.getsize(out):,} bytes", file=sys.stderr)
        latin = ",".join(f"U+{lo:04X}-{hi:04X}" for lo, hi in LATIN_RANGES)
        for name, src, family, style in LATIN_FONTS:
            out = os.path.join(args.out, name)
            subprocess.run([
                "pyftsubset", src, f"--unicodes={latin}", f"--output-file={out}",
                "--layout-features=*", "--no-hinting", "--name-IDs=*",
                "--notdef-outline", "--no-recalc-timestamp",
            ], check=True)
            rename(out, family, style)
            print(f"{name}: {os.path.getsize(out):,} bytes", file=sys.stderr)
    finally:
        os.unlink(unicodes)


if __name__ == "__main__":
    main()
