"""Regenerate data/basemap.geojson, the country outlines under ``plot --layout map``.

Source: Natural Earth 1:110m admin-0 countries (public domain), as shipped inside the
geopandas 0.14.4 wheel (``geopandas/datasets/naturalearth_lowres``; later geopandas releases
dropped it). The wheel is fetched with pip and read with pyshp; neither is a dependency of
diplonet, and diplonet reads only the small GeoJSON this script writes.

What it does: keeps the countries that reach the region drawn by the map (Europe's south, the
Middle East, North Africa), clips them to a box a little larger than the map frame
(Sutherland-Hodgman), simplifies each ring (Douglas-Peucker, 0.04 degrees) and rounds
coordinates to 0.01 degrees, so the file stays small and byte-identical from run to run.

Usage::

    python -m pip install pyshp        # in any scratch environment
    python tools/make_basemap.py       # downloads the wheel with pip into a temporary folder
    python tools/make_basemap.py --shapefile PATH/naturalearth_lowres.shp
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

WHEEL = "geopandas==0.14.4"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
#: lon_min, lat_min, lon_max, lat_max: the clip box, wider than the map frame in _layout.py
CLIP = (-22.0, 2.0, 70.0, 52.0)
TOLERANCE = 0.04
OUT = Path(__file__).resolve().parent.parent / "data" / "basemap.geojson"


def clip_ring(ring, box):
    """Sutherland-Hodgman: the part of a closed ring inside an axis-aligned box."""
    x0, y0, x1, y1 = box
    edges = [
        (lambda p: p[0] >= x0, lambda a, b: _cross_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _cross_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _cross_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _cross_y(a, b, y1)),
    ]
    pts = list(ring)
    for inside, cross in edges:
        if not pts:
            break
        out = []
        prev = pts[-1]
        for cur in pts:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
        pts = out
    return pts


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(pts, tol):
    """Douglas-Peucker (1973) on an open polyline."""
    if len(pts) < 3:
        return list(pts)
    (ax, ay), (bx, by) = pts[0], pts[-1]
    dx, dy = bx - ax, by - ay
    norm = (dx * dx + dy * dy) ** 0.5
    best, index = -1.0, 0
    for i in range(1, len(pts) - 1):
        px, py = pts[i]
        d = (
            abs(dy * px - dx * py + bx * ay - by * ax) / norm
            if norm
            else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
        )
        if d > best:
            best, index = d, i
    if best <= tol:
        return [pts[0], pts[-1]]
    return simplify(pts[: index + 1], tol)[:-1] + simplify(pts[index:], tol)


def rings_of(shape):
    parts = list(shape.parts) + [len(shape.points)]
    return [shape.points[parts[i] : parts[i + 1]] for i in range(len(parts) - 1)]


def build(shp: Path) -> dict:
    import shapefile  # pyshp: only this script needs it

    features = []
    reader = shapefile.Reader(str(shp))
    for sr in sorted(reader.shapeRecords(), key=lambda s: s.record.as_dict()["name"]):
        rec = sr.record.as_dict()
        bx0, by0, bx1, by1 = sr.shape.bbox
        if bx1 < CLIP[0] or bx0 > CLIP[2] or by1 < CLIP[1] or by0 > CLIP[3]:
            continue
        polygons = []
        for ring in rings_of(sr.shape):
            part = clip_ring(ring[:-1], CLIP)
            if len(part) < 3:
                continue
            part = simplify(part + [part[0]], TOLERANCE)
            part = [(round(x, 2), round(y, 2)) for x, y in part]
            part = [p for i, p in enumerate(part) if i == 0 or p != part[i - 1]]
            if len(part) >= 4:
                polygons.append([[list(p) for p in part]])
        if polygons:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": rec["name"], "iso_a3": rec["iso_a3"]},
                    "geometry": {"type": "MultiPolygon", "coordinates": polygons},
                }
            )
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m admin-0 countries (public domain), via geopandas 0.14.4",
        "clip": list(CLIP),
        "features": features,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shapefile", type=Path, help="naturalearth_lowres.shp, if already at hand"
    )
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        shp = args.shapefile
        if shp is None:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", WHEEL, "--no-deps", "-q", "-d", tmp],
                check=True,
            )
            wheel = next(Path(tmp).glob("geopandas-*.whl"))
            with zipfile.ZipFile(wheel) as zf:
                for ext in (".shp", ".shx", ".dbf", ".cpg", ".prj"):
                    zf.extract(MEMBER + ext, tmp)
            shp = Path(tmp) / (MEMBER + ".shp")
        data = build(shp)
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    args.output.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({len(data['features'])} countries, {len(text):,} bytes)")


if __name__ == "__main__":
    main()
