#!/usr/bin/env python3
"""Simplify ../shared/data/kz-regions.geojson for the server-drawn SVG map.

Douglas-Peucker with a tolerance in degrees, rings with fewer than 4 points
after simplification are dropped (tiny islands), coordinates rounded to 3
decimals. Output: crates/kelisim-web/assets/kz-regions.simplified.json, a list
of {osm_id, name_en, rings: [[[lon, lat], ...], ...]}.

Data © OpenStreetMap contributors, ODbL 1.0 (via sh-i/geoBoundaries).
Run: python3 tools/simplify_regions.py [SOURCE] [TOLERANCE]
"""
import json, math, sys

def perpendicular(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)

def douglas_peucker(points, tol):
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        s, e = stack.pop()
        best, idx = 0.0, -1
        for i in range(s + 1, e):
            d = perpendicular(points[i], points[s], points[e])
            if d > best:
                best, idx = d, i
        if best > tol and idx > 0:
            keep[idx] = True
            stack.append((s, idx))
            stack.append((idx, e))
    return [p for p, k in zip(points, keep) if k]

def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/kz-regions.geojson"
    tol = float(sys.argv[2]) if len(sys.argv) > 2 else 0.02
    data = json.load(open(src, encoding="utf-8"))
    out = []
    for f in data["features"]:
        g = f["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        rings = []
        for poly in polys:
            ring = poly[0]  # outer ring only: the map has no holes worth drawing
            simple = douglas_peucker(ring, tol)
            if len(simple) >= 4:
                rings.append([[round(x, 3), round(y, 3)] for x, y in simple])
        out.append({"osm_id": f["properties"]["id"], "name_en": f["properties"]["name"], "rings": rings})
    json.dump(out, open("crates/kelisim-web/assets/kz-regions.simplified.json", "w"), separators=(",", ":"))
    print(sum(len(r) for o in out for r in o["rings"]), "points")

if __name__ == "__main__":
    main()
