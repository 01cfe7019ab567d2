"""The GTX lines as station sequences: the order of the stations along each line, and
the stretches of a line that are in service. Pure Python: the segment records of
data/gtx_lines.geojson (line, status, the station ids along the segment) go in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

LINE_ORDER = ("A", "B", "C", "D", "E", "F")


@dataclass(frozen=True)
class Segment:
    line: str
    status: str
    stations: tuple[str, ...]


def segments(records: Iterable[tuple[str, str, Sequence[str]]]) -> list[Segment]:
    """Segments from (line, status, stations) triples, in the given order."""
    return [Segment(line, status, tuple(stations)) for line, status, stations in records]


def _adjacency(segs: Iterable[Segment]) -> dict[str, list[str]]:
    adj: dict[str, list[str]] = {}
    for seg in segs:
        for a, b in zip(seg.stations, seg.stations[1:], strict=False):
            for x, y in ((a, b), (b, a)):
                nbrs = adj.setdefault(x, [])
                if y not in nbrs:
                    nbrs.append(y)
        if len(seg.stations) == 1:
            adj.setdefault(seg.stations[0], [])
    return adj


def line_stations(segs: Sequence[Segment], latitude: Mapping[str, float]) -> dict[str, list[str]]:
    """Line -> its stations in travelling order: from the northernmost end of the line
    (the northernmost station when it has no end, like a ring), following the track;
    at a fork, each branch to its end before the next one (depth first, branches in
    data order). Stations with no latitude count as the southernmost."""
    out: dict[str, list[str]] = {}
    for line in LINE_ORDER:
        adj = _adjacency(s for s in segs if s.line == line)
        if not adj:
            continue
        ends = [s for s, n in adj.items() if len(n) == 1] or list(adj)
        seen: list[str] = []
        # Every connected part of the line, each from its northernmost end.
        while len(seen) < len(adj):
            todo = [s for s in ends if s not in seen] or [s for s in adj if s not in seen]
            start = max(todo, key=lambda s: latitude.get(s, -90.0))
            stack = [start]
            while stack:
                node = stack.pop()
                if node in seen:
                    continue
                seen.append(node)
                stack.extend(reversed([n for n in adj[node] if n not in seen]))
        out[line] = seen
    return out


def stretches(segs: Sequence[Segment], status: str, order: Mapping[str, Sequence[str]]) -> dict[str, list[list[str]]]:
    """Line -> its stretches with `status`: segments joined where they share an end
    station, each as its station list, in the line's travelling order (`order`, from
    line_stations)."""
    out: dict[str, list[list[str]]] = {}
    for line in LINE_ORDER:
        pos = {s: i for i, s in enumerate(order.get(line, ()))}
        chains: list[list[str]] = []
        for seg in (s for s in segs if s.line == line and s.status == status):
            path = list(seg.stations)
            if len(path) > 1 and pos.get(path[0], 0) > pos.get(path[-1], 0):
                path.reverse()
            chains.append(path)
        merged = True
        while merged:
            merged = False
            for i, a in enumerate(chains):
                for j, b in enumerate(chains):
                    if i != j and a[-1] == b[0]:
                        chains[i] = a + b[1:]
                        del chains[j]
                        merged = True
                        break
                if merged:
                    break
        if chains:
            out[line] = sorted(chains, key=lambda c: pos.get(c[0], len(pos)))
    return out
