#!/usr/bin/env python3
"""The diagnosis benchmark's computation written plainly in pandas + numpy,
with scipy's cKDTree for the nearest place (bench/diagnosis/README.md).

Same inputs as the Relais side (communes.csv and places.csv exported by
relais_diagnosis_bench --export), same rules:
  (a) classes 1..10 of the five raw indicators of the shipped definition
      ifn_v3_tout_age over every commune, the arrondissements in place of
      Paris, Lyon and Marseille (the whole commune is scored only on an
      indicator none of its arrondissements has, as the index engine does):
      class = ceil(10 x fractional rank / n), ties share the mean rank
      (pandas rank(method="average")); total = mean of the present classes
      when at least --minimum-present are present;
  (b) for every commune (no arrondissements; those without an own index take
      the population-weighted mean of their arrondissements'), the distance
      to the nearest place, any and per service: one cKDTree per service on
      3D unit vectors, k = 1, the chord turned into a great-circle distance
      (sphere of radius 6,371,008.8 m, as Relais); population beyond 10/20/30
      km of any place, fragile population (index >= 7) without a place within
      10 km, communes ranked by need.
Timed from the DataFrames in memory to the results, --runs times; reading the
CSV files is timed apart. Prints RESULT_DIAG lines; --out DIR writes
pandas_summary.txt and pandas_communes.tsv like the Relais side.
Usage: diagnosis_pandas.py INPUT_DIR [--runs N] [--out DIR] [--minimum-present K] [--breakdown]
"""
import argparse
import os
import statistics
import time

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

EARTH_RADIUS_M = 6371008.8
INDICATORS = ["no_thd_coverage_rate", "no_4g_coverage_rate", "poverty_rate", "older_65_rate", "nscol15p_rate"]
SERVICES = [f"s{s}" for s in range(9)]
REACH_KM, FRAGILE_FROM, BEYOND_KM = 10.0, 7.0, (10, 20, 30)


def unit_vectors(lat, lon):
    phi, lam = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)))


def compute(communes, places, minimum_present):
    # (a) classes over the scoring units of each indicator, then the total.
    code, parent = communes["code"], communes["parent"]
    is_whole = code.isin(set(parent.dropna()))
    classes = pd.DataFrame(index=communes.index)
    for name in INDICATORS:
        values = communes[name]
        scored_through_arrondissements = set(parent[parent.notna() & values.notna()])
        units = values.where(~is_whole | ~code.isin(scored_through_arrondissements))
        ranks = units.rank(method="average")
        classes[name] = np.ceil(10 * ranks / units.count()).clip(1, 10)
    present = classes.notna().sum(axis=1)
    total = classes.mean(axis=1).where(present >= minimum_present)
    index = pd.Series(total.values, index=code.values)
    classes, total = classes[~is_whole], total[~is_whole]  # what the summary counts

    # (b) coverage: one row per commune (not the arrondissements).
    rows = communes[communes["parent"].isna()].copy()
    rows["index"] = rows["code"].map(index)
    arr = communes[communes["parent"].notna() & (communes["population"] > 0)].copy()
    arr["index"] = arr["code"].map(index)
    arr = arr[arr["index"].notna()]
    arr["weighted"] = arr["index"] * arr["population"]
    sums = arr.groupby("parent")[["weighted", "population"]].sum()
    mean_of_arr = (sums["weighted"] / sums["population"]).where(sums["population"] > 0)
    rows["index"] = rows["index"].fillna(rows["code"].map(mean_of_arr))

    positioned = rows["latitude"].notna().values
    at = unit_vectors(rows.loc[positioned, "latitude"].values, rows.loc[positioned, "longitude"].values)
    xyz = unit_vectors(places["latitude"].values, places["longitude"].values)

    def nearest_km(mask):
        out = np.full(len(rows), np.nan)
        if mask.any():
            chord, _ = cKDTree(xyz[mask]).query(at, k=1)
            out[positioned] = 2 * EARTH_RADIUS_M * np.arcsin(np.clip(chord / 2, 0, 1)) / 1000
        return out

    rows["nearest_any"] = nearest_km(np.ones(len(places), dtype=bool))
    for s in SERVICES:
        rows[s] = nearest_km(places[s].values == 1)

    pop = rows["population"]
    far = {k: positioned & ~(rows["nearest_any"] <= k).values for k in BEYOND_KM}
    fragile = (rows["index"] >= FRAGILE_FROM).values
    without_help = fragile & far[int(REACH_KM)]
    summary = {
        "communes": len(rows),
        "communes_without_position": int((~positioned).sum()),
        "communes_with_index": int(rows["index"].notna().sum()),
        "population": int(pop.sum()),
        **{f"population_beyond_{k}km": int(pop[far[k]].sum()) for k in BEYOND_KM},
        "fragile_population": int(pop[fragile].sum()),
        "fragile_population_without_help": int(pop[without_help].sum()),
    }
    rows["without_help"] = without_help
    rows["has_index"] = rows["index"].notna()
    rows["need"] = (rows["index"] * pop).fillna(-1.0)
    ranked = rows.sort_values(["without_help", "has_index", "need", "population", "code"],
                              ascending=[False, False, False, False, True], kind="mergesort")
    return classes, total, summary, ranked


def nearest_only(communes, places):
    """The 10 nearest-place answers per positioned commune alone (trees built included), for --breakdown."""
    rows = communes[communes["parent"].isna()]
    positioned = rows["latitude"].notna().values
    at = unit_vectors(rows["latitude"].values[positioned], rows["longitude"].values[positioned])
    xyz = unit_vectors(places["latitude"].values, places["longitude"].values)
    answers = 0
    for mask in [np.ones(len(places), dtype=bool)] + [places[s].values == 1 for s in SERVICES]:
        if mask.any():
            answers += len(cKDTree(xyz[mask]).query(at, k=1)[0])
    return answers


def write_results(out_dir, classes, total, summary, ranked):
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "pandas_summary.txt"), "w") as f:
        f.write(f"scoring_units {len(classes)}\n")
        for name in INDICATORS:
            counts = classes[name].value_counts()
            per_class = " ".join(str(int(counts.get(float(c), 0))) for c in range(1, 11))
            f.write(f"classes_{name} {per_class} missing {int(classes[name].isna().sum())}\n")
        f.write(f"total_present {int(total.notna().sum())}\ntotal_at_least_7 {int((total >= 7).sum())}\n")
        for key, value in summary.items():
            f.write(f"{key} {value}\n")
        f.write("top20 " + " ".join(ranked["code"].head(20)) + "\n")
    with open(os.path.join(out_dir, "pandas_communes.tsv"), "w") as f:
        f.write("code\tindex\tnearest_any\t" + "\t".join(SERVICES) + "\n")
        for row in ranked.sort_values("code").itertuples(index=False):
            d = row._asdict()
            index = "-" if pd.isna(d["index"]) else f"{d['index']:.12g}"
            kms = ["-" if pd.isna(d[c]) else f"{d[c]:.6f}" for c in ["nearest_any"] + SERVICES]
            f.write("\t".join([d["code"], index] + kms) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("input_dir")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--out")
    parser.add_argument("--minimum-present", type=int, default=4)
    parser.add_argument("--breakdown", action="store_true", help="then time the nearest-place queries alone")
    args = parser.parse_args()
    t0 = time.perf_counter()
    communes = pd.read_csv(os.path.join(args.input_dir, "communes.csv"), keep_default_na=False, na_values=[""],
                           dtype={"code": str, "parent": str, "region": str})
    places = pd.read_csv(os.path.join(args.input_dir, "places.csv"))
    load_ms = (time.perf_counter() - t0) * 1000
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        result = compute(communes, places, args.minimum_present)
        times.append((time.perf_counter() - start) * 1000)
    if args.out:
        write_results(args.out, *result)
    print(f"RESULT_DIAG side=pandas pandas={pd.__version__} numpy={np.__version__} runs={args.runs} "
          f"load_csv_ms={load_ms:.1f}")
    print(f"RESULT_DIAG side=pandas median_ms={statistics.median(times):.2f} min_ms={min(times):.2f}")
    if args.breakdown:
        knn = []
        for _ in range(args.runs):
            start = time.perf_counter()
            answers = nearest_only(communes, places)
            knn.append((time.perf_counter() - start) * 1000)
        print(f"RESULT_DIAG_BREAKDOWN side=pandas nearest_queries_ms={statistics.median(knn):.2f} answers={answers}")


if __name__ == "__main__":
    main()
