#!/usr/bin/env python3
"""Measures a zhprint PDF against the GB/T 9704 grid (typography spec §H1), from
`pdftotext -bbox-layout` (poppler-utils).

    scripts/pdf-layout.py out/taiyuan-2021.pdf [--lines]

Per page: the number of text lines in the type area, where the first one starts, the
lines that stop short of the right edge (paragraph ends), the widest count of hanzi in a
flush line, where the page number sits, and a paragraph's lone line at the page's foot
(ORPHAN) or at the next page's head (WIDOW); the count of those at the end. Exit status 1 if a full body page does not
have 22 lines, a wrapped line is not flush, or the page number is misplaced.
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

MM = 72 / 25.4
LEFT, TOP = 28 * MM, 37 * MM
WIDTH, HEIGHT = 156 * MM, 225 * MM
RIGHT, BOTTOM = LEFT + WIDTH, TOP + HEIGHT
PITCH = 28.95
HAN = re.compile(r"[\u4e00-\u9fff]+")
NS = "{http://www.w3.org/1999/xhtml}"


def pages(pdf):
    """[(width, [line]) per page]; a line is (yMin, yMax, xMin, xMax, text), words of
    one baseline joined left to right."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True,
                         capture_output=True, text=True).stdout
    root = ET.fromstring(xml)
    out = []
    for page in root.iter(NS + "page"):
        words = []
        for w in page.iter(NS + "word"):
            words.append((float(w.get("yMin")), float(w.get("yMax")), float(w.get("xMin")),
                          float(w.get("xMax")), w.text or ""))
        # Words of one line: their vertical middles lie within a few points (the CJK and
        # the Latin face have different ascents, so their boxes differ a little).
        rows = []
        for w in sorted(words, key=lambda w: (w[0] + w[1]) / 2):
            mid = (w[0] + w[1]) / 2
            if rows and abs(mid - rows[-1][0]) < 5:
                rows[-1][1].append(w)
            else:
                rows.append((mid, [w]))
        lines = []
        for _, ws in rows:
            ws.sort(key=lambda w: w[2])
            # The line's box is that of its word with the most hanzi: the CJK face's em
            # box (the Latin face's box is taller and sits lower).
            tall = max(ws, key=lambda w: sum(len(h) for h in HAN.findall(w[4])))
            lines.append((tall[0], tall[1], ws[0][2], max(w[3] for w in ws),
                          "".join(w[4] for w in ws)))
        out.append((float(page.get("width")), lines))
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = "--lines" in sys.argv
    bad = lone = 0
    doc = pages(args[0])
    # A line that stops short of the right edge must end its paragraph: the next line
    # (on this page or the next) starts two 字 in, or is centred (the title block).
    flat = [l for _, lines in doc for l in lines if l[1] <= BOTTOM + 1]
    ragged = [a for a, b in zip(flat, flat[1:]) if a[3] < RIGHT - 2 and b[2] < LEFT + 1]
    for l in ragged:
        print(f"ragged line (not a paragraph end): {l[4]}")
        bad += 1
    for n, (_, lines) in enumerate(doc, 1):
        body = [l for l in lines if l[1] <= BOTTOM + 1]
        foot = [l for l in lines if l[0] > BOTTOM + 1]
        short = [l for l in body if l[3] < RIGHT - 2]
        flush = [l for l in body if l[3] >= RIGHT - 2]
        # Lines of nothing but hanzi, flush at both edges: each must hold exactly 28.
        plain = [len(l[4]) for l in flush if l[2] < LEFT + 1 and HAN.fullmatch(l[4])]
        han = sorted(set(plain))
        first = body[0][0] - TOP if body else 0
        if len(body) > 1 and abs(body[0][1] - body[0][0] - 16) > 0.3:
            # A line that starts with a Latin word gets that face's box from pdftotext:
            # place it by the next line instead.
            first = body[1][0] - PITCH - TOP
        last_gap = BOTTOM - body[-1][1] if body else 0
        msg = (f"page {n}: {len(body)} lines, first glyph top {first:.1f} pt below the "
               f"type area, last line {last_gap:.1f} pt above its bottom, "
               f"{len(short)} short, plain-hanzi full lines hold {han}")
        if foot:
            f = foot[0]
            side = "right" if abs(f[3] - (RIGHT - 14)) < 2 else \
                "left" if abs(f[2] - (LEFT + 14)) < 2 else "?"
            msg += f"; number {f[4]!r} {side}, top {f[0] - BOTTOM:.1f} pt below"
            want = "right" if n % 2 else "left"
            if side != want:
                bad += 1
                msg += " MISPLACED"
        nxt = [l for l in doc[n][1] if l[1] <= BOTTOM + 1] if n < len(doc) else []
        # A heading never ends a page: kept with the next line, it may leave the page a
        # line or two short. The next page then starts with an indented line that is
        # short or followed by another indented line (a one-line heading).
        heading_next = len(nxt) > 1 and nxt[0][2] > LEFT + 1 and (
            nxt[0][3] < RIGHT - 2 or nxt[1][2] > LEFT + 1)
        if n < len(doc) and n > 1 and len(body) != 22:
            if heading_next and len(body) >= 20:
                msg += " (a heading moved on with its next line)"
            else:
                bad += 1
                msg += " NOT 22"
        # A paragraph's lone first line at the page's foot (indented, flush, and the
        # next page goes on with it) or lone last line at the next page's head (not
        # indented, short, after a flush line): reported and counted, not failed.
        if body and nxt and nxt[0][2] < LEFT + 1 and body[-1][3] >= RIGHT - 2:
            if body[-1][2] > LEFT + 1:
                lone += 1
                msg += " ORPHAN"
            if nxt[0][3] < RIGHT - 2 and (len(nxt) == 1 or nxt[1][2] > LEFT + 1):
                lone += 1
                msg += " WIDOW at its head"
        if any(h != 28 for h in han):
            bad += 1
            msg += " NOT 28"
        print(msg)
        if show:
            for l in body:
                print(f"   y {l[0]:7.2f} x {l[2]:6.2f}–{l[3]:6.2f} {l[4]}")
    print(f"lone lines at page edges: {lone}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
