#!/usr/bin/env python3
"""Turns `perf script` output into a flame graph (SVG) and prints the heaviest frames.

usage: perf script -i perf.data | tests/load/flamegraph.py TITLE OUT.svg [TOP=25]
Frames of .NET code are named through the runtime's perf map (DOTNET_PerfMapEnabled=1). The SVG needs no script:
each frame's width is its share of the samples, and hovering shows name, samples and percentage.
"""
import html
import re
import sys
import zlib
from collections import Counter, defaultdict

title, out = sys.argv[1], sys.argv[2]
top = int(sys.argv[3]) if len(sys.argv) > 3 else 25

stacks = Counter()
frames = []
thread = None


def clean(symbol):
    symbol = re.sub(r"\+0x[0-9a-f]+$", "", symbol)
    symbol = re.sub(r"\[(Optimized|OptimizedTier1|Tier0|Tier1|QuickJitted|Instrumented|PreJIT)[^\]]*\]", "", symbol)
    symbol = re.sub(r"\(.*\)$", "", symbol.strip())
    return symbol.strip() or "[unknown]"


def flush():
    if thread is not None and frames:
        stacks[";".join([thread] + list(reversed(frames)))] += 1


for line in sys.stdin:
    if not line.strip():
        flush()
        frames, thread = [], None
    elif not line.startswith((" ", "\t")):
        flush()
        frames = []
        # "dotnet  1234/1240  ..." -> the thread's name, with the numbers left out (.NET TP Worker 1 -> .NET TP Worker)
        name = re.split(r"\s+\d+/?\d*\s", line, maxsplit=1)[0].strip()
        thread = re.sub(r"\s*\d+$", "", name) or "thread"
    else:
        parts = line.strip().split(None, 1)
        frames.append(clean(parts[1].rsplit(" (", 1)[0]) if len(parts) > 1 else "[unknown]")
flush()

total = sum(stacks.values())
if total == 0:
    sys.exit("no samples")

# A tree of frames: (path) -> samples.
tree = defaultdict(int)
for stack, count in stacks.items():
    parts = stack.split(";")
    for depth in range(1, len(parts) + 1):
        tree[tuple(parts[:depth])] += count

width, row = 1400, 17
depth_max = max(len(k) for k in tree)
height = (depth_max + 3) * row
children = defaultdict(list)
for path in tree:
    children[path[:-1]].append(path)

out_lines = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="monospace" font-size="11">',
    f'<rect width="100%" height="100%" fill="#fdfdf6"/><text x="8" y="14" font-size="13">{html.escape(title)} — {total} samples (cpu-clock)</text>',
]


def draw(path, x):
    count = tree[path]
    w = count / total * (width - 16)
    if w < 1.0:  # narrower than a pixel: left out, which keeps the file small
        return
    y = height - (len(path) + 1) * row
    name = path[-1]
    hue = zlib.crc32(name.encode()) % 60
    label = name if len(name) * 6.6 < w else (name[: int(w / 6.6) - 2] + "…" if w > 30 else "")
    out_lines.append(
        f'<g><title>{html.escape(name)} ({count} samples, {100.0 * count / total:.1f}%)</title>'
        f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row - 1}" fill="hsl({hue},85%,62%)" rx="2"/>'
        + (f'<text x="{x + 3:.1f}" y="{y + 12}">{html.escape(label)}</text>' if label else "")
        + "</g>"
    )
    offset = x
    for child in sorted(children[path]):
        draw(child, offset)
        offset += tree[child] / total * (width - 16)


offset = 8.0
for root in sorted(children[()]):
    draw(root, offset)
    offset += tree[root] / total * (width - 16)
out_lines.append("</svg>")
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(out_lines))

inclusive, own = Counter(), Counter()
for stack, count in stacks.items():
    parts = stack.split(";")
    own[parts[-1]] += count
    for name in set(parts[1:]):
        inclusive[name] += count
print(f"{title}: {total} samples")
print("  self time:")
for name, count in own.most_common(top):
    print(f"    {100.0 * count / total:5.1f}%  {name}")
print("  including callees:")
for name, count in inclusive.most_common(top * 2):
    print(f"    {100.0 * count / total:5.1f}%  {name}")
