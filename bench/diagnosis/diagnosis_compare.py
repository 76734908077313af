#!/usr/bin/env python3
"""Checks that the sides of the diagnosis benchmark computed the same thing.

Every line of the summaries must be identical (counts of communes per class
for each indicator, communes with a total, population beyond 10/20/30 km,
fragile population with and without help, the first 20 communes by need);
per commune, the same communes must have an index and a distance, indexes
must agree within 1e-9 and distances within 1 m (Relais and pandas use a
sphere of radius 6,371,008.8 m, PostGIS 6,371,008.77 m: 0.1 m at 20,000 km).
Exits 1 with the differences otherwise.
Usage: diagnosis_compare.py DIR SIDE SIDE... (reads DIR/<side>_summary.txt, DIR/<side>_communes.tsv)
"""
import math
import sys


def read_tsv(path):
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = {}
        for line in f:
            cells = line.rstrip("\n").split("\t")
            rows[cells[0]] = [None if c == "-" else float(c) for c in cells[1:]]
    return header, rows


def main():
    directory, sides = sys.argv[1], sys.argv[2:]
    reference = sides[0]
    problems = []
    with open(f"{directory}/{reference}_summary.txt") as f:
        ref_summary = f.read().splitlines()
    ref_header, ref_rows = read_tsv(f"{directory}/{reference}_communes.tsv")
    for side in sides[1:]:
        with open(f"{directory}/{side}_summary.txt") as f:
            summary = f.read().splitlines()
        if summary != ref_summary:
            for a, b in zip(ref_summary, summary):
                if a != b:
                    problems.append(f"{reference}: {a}\n{side}: {b}")
            if len(summary) != len(ref_summary):
                problems.append(f"{side}: {len(summary)} summary lines, {reference}: {len(ref_summary)}")
        header, rows = read_tsv(f"{directory}/{side}_communes.tsv")
        if header != ref_header or rows.keys() != ref_rows.keys():
            problems.append(f"{side}: not the same communes or columns as {reference}")
            continue
        worst = [0.0] * (len(header) - 1)
        for code, ref in ref_rows.items():
            for i, (a, b) in enumerate(zip(ref, rows[code])):
                if (a is None) != (b is None):
                    problems.append(f"{side}: {code} {header[i + 1]}: {a} against {b} ({reference})")
                elif a is not None:
                    worst[i] = max(worst[i], abs(a - b))
        for i, w in enumerate(worst):
            tolerance = 1e-9 if header[i + 1] == "index" else 1e-3
            if w > tolerance or math.isnan(w):
                problems.append(f"{side}: {header[i + 1]} differs by up to {w} from {reference}")
        print(f"CHECK {side} against {reference}: summary {'identical' if summary == ref_summary else 'DIFFERENT'}, "
              f"{len(rows)} communes, largest difference: index {worst[0]:.3g}, distances "
              f"{max(worst[1:]) * 1000:.3g} m")
    if problems:
        print("DIAGNOSIS RESULTS DIFFER:\n" + "\n".join(problems[:40]), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
