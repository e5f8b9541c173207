#!/usr/bin/env python3
"""Build data/maps/borders-50m.geojson (country borders and coastlines for `vigie zones map`)
from the npm package `world-atlas` (countries-50m.json, TopoJSON).

Usage:
    python3 scripts/build_world_map.py [--source-dir DIR] [--out PATH]

Without --source-dir the script runs `npm pack world-atlas@2.0.2` in a temporary directory;
with it, DIR holds the unpacked package (countries-50m.json at its top or under package/).
Every TopoJSON arc is decoded once (quantised, delta-encoded) into a LineString of a
MultiLineString, coordinates rounded to 0.001 degree. Output is deterministic.

Source: world-atlas by Mike Bostock (ISC licence), made from Natural Earth 1:50m admin 0
countries (public domain).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "data" / "maps" / "borders-50m.geojson"
PACKAGE = "world-atlas@2.0.2"


def find_topology(root: Path) -> Path:
    for candidate in [root / "countries-50m.json", root / "package" / "countries-50m.json"]:
        if candidate.exists():
            return candidate
    raise SystemExit(f"countries-50m.json not found under {root}")


def download(tmp: Path) -> Path:
    subprocess.run(["npm", "pack", PACKAGE], cwd=tmp, check=True, capture_output=True)
    tarball = next(tmp.glob("world-atlas-*.tgz"))
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp, filter="data")
    return tmp


def decode_arcs(topology: dict) -> list[list[list[float]]]:
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        line = []
        for point in arc:
            if transform:
                x += point[0]
                y += point[1]
                lon = x * transform["scale"][0] + transform["translate"][0]
                lat = y * transform["scale"][1] + transform["translate"][1]
            else:
                lon, lat = point[0], point[1]
            p = [round(lon, 3), round(lat, 3)]
            if not line or line[-1] != p:
                line.append(p)
        if len(line) >= 2:
            arcs.append(line)
    return arcs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source-dir", type=Path)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.source_dir or download(Path(tmp))
        topology = json.loads(find_topology(root).read_text(encoding="utf-8"))
    lines = decode_arcs(topology)
    out = {
        "type": "FeatureCollection",
        "name": "country borders and coastlines, Natural Earth 1:50m via world-atlas 2.0.2",
        "features": [{
            "type": "Feature",
            "properties": {"source": "Natural Earth (public domain) via npm world-atlas (ISC)"},
            "geometry": {"type": "MultiLineString", "coordinates": lines},
        }],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    points = sum(len(l) for l in lines)
    print(f"wrote {len(lines)} lines, {points} points to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
