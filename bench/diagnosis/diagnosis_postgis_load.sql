-- Diagnosis benchmark, PostGIS side, load (timed apart): the inputs
-- exported by relais_diagnosis_bench --export, as tables with geography
-- columns and GiST indexes. psql variable :indir (the export directory).
-- Run by bench/diagnosis/run.sh in the same psql session as the timed
-- diagnosis_postgis_run.sql.
CREATE EXTENSION IF NOT EXISTS postgis;
DROP TABLE IF EXISTS commune, place, place_service;
CREATE TABLE commune (
  code text PRIMARY KEY, parent text, region text, population bigint,
  latitude float8, longitude float8,
  no_thd_coverage_rate float8, no_4g_coverage_rate float8, poverty_rate float8, older_65_rate float8,
  nscol15p_rate float8);
CREATE TABLE place (
  place int PRIMARY KEY, latitude float8, longitude float8,
  s0 int, s1 int, s2 int, s3 int, s4 int, s5 int, s6 int, s7 int, s8 int);
\set communes_csv :indir '/communes.csv'
\set places_csv :indir '/places.csv'
COPY commune FROM :'communes_csv' WITH (FORMAT csv, HEADER true);
COPY place FROM :'places_csv' WITH (FORMAT csv, HEADER true);
ALTER TABLE commune ADD COLUMN geog geography(Point, 4326);
UPDATE commune SET geog = ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography WHERE latitude IS NOT NULL;
UPDATE commune SET parent = NULLIF(parent, '');
ALTER TABLE place ADD COLUMN geog geography(Point, 4326);
UPDATE place SET geog = ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography;
CREATE INDEX place_geog ON place USING gist (geog);
-- One row per (place, service offered), one partial GiST index per service,
-- so the nearest place offering service k is one KNN scan of its own index.
CREATE TABLE place_service AS
  SELECT place, s AS service, geog
  FROM place CROSS JOIN LATERAL (VALUES (0, s0), (1, s1), (2, s2), (3, s3), (4, s4), (5, s5), (6, s6), (7, s7), (8, s8)) AS o(s, offers)
  WHERE offers = 1;
CREATE INDEX place_service_0 ON place_service USING gist (geog) WHERE service = 0;
CREATE INDEX place_service_1 ON place_service USING gist (geog) WHERE service = 1;
CREATE INDEX place_service_2 ON place_service USING gist (geog) WHERE service = 2;
CREATE INDEX place_service_3 ON place_service USING gist (geog) WHERE service = 3;
CREATE INDEX place_service_4 ON place_service USING gist (geog) WHERE service = 4;
CREATE INDEX place_service_5 ON place_service USING gist (geog) WHERE service = 5;
CREATE INDEX place_service_6 ON place_service USING gist (geog) WHERE service = 6;
CREATE INDEX place_service_7 ON place_service USING gist (geog) WHERE service = 7;
CREATE INDEX place_service_8 ON place_service USING gist (geog) WHERE service = 8;
VACUUM ANALYZE commune;
VACUUM ANALYZE place;
VACUUM ANALYZE place_service;
