-- Stations (驿站): the places workers rest, eat, charge, sleep and get help.
-- Shaped like Open Referral HSDS: the union is the organization, the station
-- both service and location, its schedule a JSON column.

CREATE TABLE stations (
  id               INTEGER PRIMARY KEY,
  union_id         INTEGER NOT NULL REFERENCES unions(id),
  -- Copy of unions.path (union paths never change), so a staff member's subtree
  -- is one index range over stations without a join.
  union_path       TEXT NOT NULL,
  name             TEXT NOT NULL,
  station_type     TEXT NOT NULL CHECK (station_type IN ('union_station', 'outdoor_worker_station', 'caring_station', 'happiness_station',
                                                         'one_yuan_dormitory', 'workers_canteen', 'legal_service_station', 'workers_library')),
  province         TEXT NOT NULL,
  city             TEXT NOT NULL,
  district         TEXT NOT NULL,
  address          TEXT NOT NULL,
  -- Always WGS-84; `source_datum` records what the position was entered in.
  lat              REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng              REAL NOT NULL CHECK (lng BETWEEN -180 AND 180),
  source_datum     TEXT NOT NULL DEFAULT 'wgs84' CHECK (source_datum IN ('wgs84', 'gcj02')),
  phone            TEXT,
  -- shared::stations::Schedule as JSON (weekly spans, dated closures).
  schedule         TEXT NOT NULL,
  -- shared::stations::AmenitySet bitmask: a filter is `amenities & ?m = ?m`.
  amenities        INTEGER NOT NULL DEFAULT 0,
  status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'temporarily_closed', 'defunct')),
  description      TEXT,
  -- Freshness is about the facts on the ground, kept apart from edits (updated_at).
  last_verified_at TEXT,
  verified_by      TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX stations_scope ON stations (union_path, name);
CREATE INDEX stations_recheck ON stations (union_path, last_verified_at);
CREATE INDEX stations_area ON stations (province, city, district);

-- The spatial index: nearest-station queries read a box around the worker from
-- here, never the whole table. The filters (amenity bitmask, type, whether the
-- station is listed at all) ride along as auxiliary columns, so candidates are
-- filtered inside the index and station rows are read only for the nearest few.
-- Triggers keep it in step with `stations`.
CREATE VIRTUAL TABLE stations_rtree USING rtree (id, min_lat, max_lat, min_lng, max_lng, +amenities, +station_type, +listed);
CREATE TRIGGER stations_rtree_insert AFTER INSERT ON stations BEGIN
  INSERT INTO stations_rtree VALUES (new.id, new.lat, new.lat, new.lng, new.lng, new.amenities, new.station_type, new.status <> 'defunct');
END;
CREATE TRIGGER stations_rtree_update AFTER UPDATE OF lat, lng, amenities, station_type, status ON stations BEGIN
  UPDATE stations_rtree SET min_lat = new.lat, max_lat = new.lat, min_lng = new.lng, max_lng = new.lng,
    amenities = new.amenities, station_type = new.station_type, listed = new.status <> 'defunct' WHERE id = new.id;
END;
CREATE TRIGGER stations_rtree_delete AFTER DELETE ON stations BEGIN
  DELETE FROM stations_rtree WHERE id = old.id;
END;

-- Problems workers report in one tap; open until staff verify the station.
CREATE TABLE station_reports (
  id          INTEGER PRIMARY KEY,
  station_id  INTEGER NOT NULL REFERENCES stations(id),
  kind        TEXT NOT NULL CHECK (kind IN ('closed', 'moved', 'amenity_missing', 'other')),
  amenity     TEXT,
  note        TEXT,
  -- 'user:<id>' or 'device:<random id>'; no name, no phone.
  reporter    TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  resolved_at TEXT,
  resolved_by TEXT
);
CREATE INDEX station_reports_open ON station_reports (station_id) WHERE resolved_at IS NULL;

-- Check-ins. One row per person per station per hour (the primary key refuses a
-- second), kept a few days only; the daily counts below are what is reported.
CREATE TABLE station_visits (
  station_id INTEGER NOT NULL REFERENCES stations(id),
  visitor    TEXT NOT NULL,
  hour       TEXT NOT NULL,
  PRIMARY KEY (station_id, visitor, hour)
) WITHOUT ROWID;

CREATE TABLE station_visit_days (
  station_id INTEGER NOT NULL REFERENCES stations(id),
  day        TEXT NOT NULL,
  visits     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (station_id, day)
) WITHOUT ROWID;
