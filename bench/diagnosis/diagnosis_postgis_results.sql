-- Diagnosis benchmark, PostGIS side: writes the last run's results in the
-- Relais side's format (psql variable :outdir), untimed.
\pset format unaligned
\pset tuples_only on
\set summary_file :outdir '/postgis_summary.txt'
\o :summary_file
CREATE TEMP VIEW scoring_unit AS
SELECT code FROM commune c WHERE NOT EXISTS (SELECT 1 FROM commune a WHERE a.parent = c.code);
SELECT 'scoring_units ' || count(*) FROM scoring_unit;
SELECT 'classes_' || k || ' ' || string_agg(coalesce(n, 0)::text, ' ' ORDER BY class) || ' missing '
       || ((SELECT count(*) FROM scoring_unit) - sum(coalesce(n, 0)))
FROM (VALUES ('no_thd_coverage_rate', 1), ('no_4g_coverage_rate', 2), ('poverty_rate', 3), ('older_65_rate', 4),
             ('nscol15p_rate', 5)) AS ks(k, ord)
CROSS JOIN generate_series(1, 10) AS class
LEFT JOIN (SELECT k, class, count(*) AS n FROM cls JOIN scoring_unit USING (code) GROUP BY k, class) c USING (k, class)
GROUP BY k, ord ORDER BY ord;
SELECT 'total_present ' || count(*) FROM idx JOIN scoring_unit USING (code);
SELECT 'total_at_least_7 ' || count(*) FROM idx JOIN scoring_unit USING (code) WHERE total >= 7;
SELECT 'communes ' || communes || E'\ncommunes_without_position ' || communes_without_position
       || E'\ncommunes_with_index ' || communes_with_index || E'\npopulation ' || population
       || E'\npopulation_beyond_10km ' || beyond_10 || E'\npopulation_beyond_20km ' || beyond_20
       || E'\npopulation_beyond_30km ' || beyond_30 || E'\nfragile_population ' || fragile
       || E'\nfragile_population_without_help ' || fragile_without_help
FROM summary;
SELECT 'top20 ' || string_agg(code, ' ' ORDER BY rank) FROM ranked WHERE rank <= 20;
\o
\set communes_file :outdir '/postgis_communes.tsv'
\o :communes_file
SELECT E'code\tindex\tnearest_any\ts0\ts1\ts2\ts3\ts4\ts5\ts6\ts7\ts8';
SELECT concat_ws(E'\t', code, coalesce(round(idx::numeric, 12)::text, '-'),
                 coalesce(round(nearest_any::numeric, 6)::text, '-'),
                 coalesce(round(s0::numeric, 6)::text, '-'), coalesce(round(s1::numeric, 6)::text, '-'),
                 coalesce(round(s2::numeric, 6)::text, '-'), coalesce(round(s3::numeric, 6)::text, '-'),
                 coalesce(round(s4::numeric, 6)::text, '-'), coalesce(round(s5::numeric, 6)::text, '-'),
                 coalesce(round(s6::numeric, 6)::text, '-'), coalesce(round(s7::numeric, 6)::text, '-'),
                 coalesce(round(s8::numeric, 6)::text, '-'))
FROM offer ORDER BY code COLLATE "C";
\o
