-- Diagnosis benchmark, PostGIS side, the timed computation (one run; run.sh
-- includes it --runs times in one psql session with \timing on and adds up
-- the statements' times between the RUN markers). psql variable
-- :minimum_present. Same rules as the Relais and pandas sides
-- (bench/diagnosis/README.md); results in the temp tables cls, idx, offer,
-- ranked, summary, written out by diagnosis_postgis_results.sql.
\echo RUN_START
DROP TABLE IF EXISTS cls, idx, offer, ranked, summary;
-- (a) Classes 1..10 of the five raw indicators of ifn_v3_tout_age over the
-- scoring units: every commune and arrondissement, Paris, Lyon and Marseille
-- as whole communes only on an indicator none of their arrondissements has
-- (the index engine's rule); class = ceil(10 × fractional rank / n), a tie
-- group sharing the mean of the ranks it spans (first rank = rank()
-- ascending, last = n + 1 - rank() descending). ntile() would split a tie
-- group across classes, and percent_rank() is another rule; neither is the
-- IFN's nor classes.h's. Total = mean of the present classes, at least
-- :minimum_present of them.
CREATE TEMP TABLE cls AS
WITH raw AS (
  SELECT code, parent, k, v FROM commune
  CROSS JOIN LATERAL (VALUES ('no_thd_coverage_rate', no_thd_coverage_rate), ('no_4g_coverage_rate', no_4g_coverage_rate),
                             ('poverty_rate', poverty_rate), ('older_65_rate', older_65_rate),
                             ('nscol15p_rate', nscol15p_rate)) AS t(k, v)
  WHERE v IS NOT NULL
), units AS (
  SELECT code, k, v FROM raw r
  WHERE NOT EXISTS (SELECT 1 FROM raw a WHERE a.parent = r.code AND a.k = r.k)
)
SELECT code, k,
       LEAST(10, GREATEST(1, ceil(10 * ((rank() OVER up + count(*) OVER p + 1 - rank() OVER down)::float8 / 2)
                                     / count(*) OVER p))) AS class
FROM units
WINDOW p AS (PARTITION BY k), up AS (PARTITION BY k ORDER BY v), down AS (PARTITION BY k ORDER BY v DESC);
CREATE TEMP TABLE idx AS
SELECT code, avg(class) AS total FROM cls GROUP BY code HAVING count(*) >= :minimum_present;
-- (b) Every commune (not the arrondissements; Paris, Lyon, Marseille take
-- the population-weighted mean of their arrondissements' index), nearest
-- place and nearest place per service by KNN (<->) on the GiST indexes,
-- great-circle distance on the sphere (ST_Distance(..., false)).
CREATE TEMP TABLE offer AS
WITH arr AS (
  SELECT a.parent, sum(i.total * a.population) / sum(a.population) AS total
  FROM commune a JOIN idx i USING (code)
  WHERE a.parent IS NOT NULL AND a.population > 0
  GROUP BY a.parent
)
SELECT c.code, c.population, c.geog IS NOT NULL AS positioned, coalesce(i.total, arr.total) AS idx,
  (SELECT ST_Distance(p.geog, c.geog, false) FROM place p ORDER BY p.geog <-> c.geog LIMIT 1) / 1000 AS nearest_any,
  (SELECT ST_Distance(p.geog, c.geog, false) FROM place_service p WHERE service = 0 ORDER BY p.geog <-> c.geog LIMIT 1) / 1000 AS s0,
  (SELECT ST_Distance(p.geog, c.geog, false) FROM place_service p WHERE service = 1 ORDER BY p.geog <-> c.geog LIMIT 1) / 1000 AS s1,
  (SELECT ST_Distance(p.geog, c.geog, false) FROM place_service p WHERE service = 2 ORDER BY p.geog <-> c.geog LIMIT 1) / 1000 AS s2,
  (SELECT ST_Distance(p.geog, c.geog, false) FROM place_service p WHERE service = 3 ORDER BY p.geog <-> c.geog LIMIT 1) / 1000 AS s3,
  (SELECT ST_Distance(p.geog, c.geog, false) FROM place_service p WHERE service = 4 ORDER BY p.geog <-> c.geog LIMIT 1) / 1000 AS s4,
  (SELECT ST_Distance(p.geog, c.geog, false) FROM place_service p WHERE service = 5 ORDER BY p.geog <-> c.geog LIMIT 1) / 1000 AS s5,
  (SELECT ST_Distance(p.geog, c.geog, false) FROM place_service p WHERE service = 6 ORDER BY p.geog <-> c.geog LIMIT 1) / 1000 AS s6,
  (SELECT ST_Distance(p.geog, c.geog, false) FROM place_service p WHERE service = 7 ORDER BY p.geog <-> c.geog LIMIT 1) / 1000 AS s7,
  (SELECT ST_Distance(p.geog, c.geog, false) FROM place_service p WHERE service = 8 ORDER BY p.geog <-> c.geog LIMIT 1) / 1000 AS s8
FROM commune c LEFT JOIN idx i USING (code) LEFT JOIN arr ON arr.parent = c.code
WHERE c.parent IS NULL;
CREATE TEMP TABLE ranked AS
SELECT code, row_number() OVER (
         ORDER BY coalesce(idx >= 7 AND positioned AND (nearest_any IS NULL OR nearest_any > 10), false) DESC,
                  idx IS NOT NULL DESC, coalesce(idx * population, -1) DESC, population DESC, code COLLATE "C") AS rank
FROM offer;
CREATE TEMP TABLE summary AS
SELECT count(*) AS communes,
       count(*) FILTER (WHERE NOT positioned) AS communes_without_position,
       count(idx) AS communes_with_index,
       sum(population) AS population,
       coalesce(sum(population) FILTER (WHERE positioned AND (nearest_any IS NULL OR nearest_any > 10)), 0) AS beyond_10,
       coalesce(sum(population) FILTER (WHERE positioned AND (nearest_any IS NULL OR nearest_any > 20)), 0) AS beyond_20,
       coalesce(sum(population) FILTER (WHERE positioned AND (nearest_any IS NULL OR nearest_any > 30)), 0) AS beyond_30,
       coalesce(sum(population) FILTER (WHERE idx >= 7), 0) AS fragile,
       coalesce(sum(population) FILTER (WHERE idx >= 7 AND positioned AND (nearest_any IS NULL OR nearest_any > 10)), 0) AS fragile_without_help
FROM offer;
\echo RUN_END
