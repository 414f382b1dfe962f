-- a corpus made by knockon at schema 1 (sqlite3 .dump), for tests/cli/corpus-v1-migrates
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE signals (
  sid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  feed TEXT, kind TEXT NOT NULL DEFAULT 'signal', category TEXT,
  published TEXT, score INTEGER, horizon TEXT, title TEXT NOT NULL,
  summary TEXT, why_now TEXT, why_important TEXT, why_changes TEXT,
  confidence INTEGER, impact INTEGER,
  publisher TEXT, section TEXT, url TEXT,
  canonical TEXT NOT NULL
);
INSERT INTO signals VALUES(1,'m1',NULL,'signal',NULL,'2026-01-01',NULL,NULL,'Gas prices jump','Pipeline outage',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{"format": "knockon/1", "id": "m1", "feed": null, "kind": "signal", "category": null, "published": "2026-01-01", "score": null, "horizon": null, "title": "Gas prices jump", "summary": "Pipeline outage", "why": {"now": null, "important": null, "changes": null}, "winners": [{"name": "Initech"}], "losers": [{"name": "Acme"}, {"name": "Globex", "note": "margins"}], "effects": [{"id": "e1", "order": 1, "text": "Prices rise", "causes": []}, {"id": "e2", "order": 2, "text": "Demand falls", "causes": ["e1"]}], "confidence": null, "impact": null, "source": {"publisher": null, "section": null, "url": null}}');
INSERT INTO signals VALUES(2,'m2',NULL,'signal',NULL,'2026-01-02',NULL,NULL,'Chip export ban',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{"format": "knockon/1", "id": "m2", "feed": null, "kind": "signal", "category": null, "published": "2026-01-02", "score": null, "horizon": null, "title": "Chip export ban", "summary": null, "why": {"now": null, "important": null, "changes": null}, "winners": [{"name": "Globex"}], "losers": [{"name": "Acme"}, {"name": "acme"}, {"name": "Hooli"}], "effects": [], "confidence": null, "impact": null, "source": {"publisher": null, "section": null, "url": null}}');
INSERT INTO signals VALUES(3,'m3',NULL,'signal',NULL,'2026-01-03',NULL,NULL,'Port strike',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{"format": "knockon/1", "id": "m3", "feed": null, "kind": "signal", "category": null, "published": "2026-01-03", "score": null, "horizon": null, "title": "Port strike", "summary": null, "why": {"now": null, "important": null, "changes": null}, "winners": [], "losers": [{"name": "Globex"}, {"name": "Hooli", "note": "delays"}], "effects": [{"id": "x", "order": 1, "text": "Ships wait", "causes": []}], "confidence": null, "impact": null, "source": {"publisher": null, "section": null, "url": null}}');
CREATE TABLE effects (
  sid INTEGER NOT NULL REFERENCES signals(sid) ON DELETE CASCADE,
  eid TEXT NOT NULL, position INTEGER NOT NULL, ord INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (sid, eid)
) WITHOUT ROWID;
INSERT INTO effects VALUES(1,'e1',0,1,'Prices rise');
INSERT INTO effects VALUES(1,'e2',1,2,'Demand falls');
INSERT INTO effects VALUES(3,'x',0,1,'Ships wait');
CREATE TABLE effect_causes (
  sid INTEGER NOT NULL, eid TEXT NOT NULL, position INTEGER NOT NULL,
  cause TEXT NOT NULL,
  PRIMARY KEY (sid, eid, position),
  FOREIGN KEY (sid, eid) REFERENCES effects(sid, eid) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO effect_causes VALUES(1,'e2',0,'e1');
CREATE TABLE actors (
  aid INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  key TEXT NOT NULL UNIQUE
);
INSERT INTO actors VALUES(1,'Initech','initech');
INSERT INTO actors VALUES(2,'Acme','acme');
INSERT INTO actors VALUES(3,'Globex','globex');
INSERT INTO actors VALUES(4,'Hooli','hooli');
CREATE TABLE roles (
  sid INTEGER NOT NULL REFERENCES signals(sid) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('winner', 'loser')),
  position INTEGER NOT NULL,
  aid INTEGER NOT NULL REFERENCES actors(aid),
  note TEXT,
  PRIMARY KEY (sid, role, position)
) WITHOUT ROWID;
INSERT INTO roles VALUES(1,'loser',0,2,NULL);
INSERT INTO roles VALUES(1,'loser',1,3,'margins');
INSERT INTO roles VALUES(1,'winner',0,1,NULL);
INSERT INTO roles VALUES(2,'loser',0,2,NULL);
INSERT INTO roles VALUES(2,'loser',1,2,NULL);
INSERT INTO roles VALUES(2,'loser',2,4,NULL);
INSERT INTO roles VALUES(2,'winner',0,3,NULL);
INSERT INTO roles VALUES(3,'loser',0,3,NULL);
INSERT INTO roles VALUES(3,'loser',1,4,'delays');
CREATE TABLE role_counts (
  role TEXT NOT NULL, aid INTEGER NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (role, aid)
) WITHOUT ROWID;
INSERT INTO role_counts VALUES('loser',2,2);
INSERT INTO role_counts VALUES('loser',3,2);
INSERT INTO role_counts VALUES('loser',4,2);
INSERT INTO role_counts VALUES('winner',1,1);
INSERT INTO role_counts VALUES('winner',3,1);
CREATE TABLE aliases (
  key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  target_key TEXT NOT NULL,
  target_name TEXT NOT NULL,
  canonical_key TEXT NOT NULL,
  canonical_name TEXT NOT NULL
) WITHOUT ROWID;
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','signals_fts','signals_fts',0,'CREATE VIRTUAL TABLE signals_fts USING fts5(
  title, summary, why, effects, tokenize = ''unicode61 remove_diacritics 2''
)');
CREATE TABLE IF NOT EXISTS 'signals_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO signals_fts_data VALUES(1,X'0308020006');
INSERT INTO signals_fts_data VALUES(10,X'000000000101010001010101');
INSERT INTO signals_fts_data VALUES(137438953473,X'000000a7043062616e020204010463686970020202010664656d616e64010601030401066578706f7274020203010566616c6c730106010305010367617301020201046a756d7001020401066f757461676501060101030108706970656c696e65010601010202036f727403020202057269636573010803010302010472697365010601030301057368697073030601030202057472696b6503020301047761697403060103030408090d0b0c08090d0f080d0b0c0a');
CREATE TABLE IF NOT EXISTS 'signals_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO signals_fts_idx VALUES(1,X'',2);
CREATE TABLE IF NOT EXISTS 'signals_fts_content'(id INTEGER PRIMARY KEY, c0, c1, c2, c3);
INSERT INTO signals_fts_content VALUES(1,'Gas prices jump','Pipeline outage','',replace('Prices rise\nDemand falls','\n',char(10)));
INSERT INTO signals_fts_content VALUES(2,'Chip export ban',NULL,'','');
INSERT INTO signals_fts_content VALUES(3,'Port strike',NULL,'','Ships wait');
CREATE TABLE IF NOT EXISTS 'signals_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO signals_fts_docsize VALUES(1,X'03020004');
INSERT INTO signals_fts_docsize VALUES(2,X'03000000');
INSERT INTO signals_fts_docsize VALUES(3,X'02000002');
CREATE TABLE IF NOT EXISTS 'signals_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO signals_fts_config VALUES('version',4);
CREATE INDEX signals_by_published ON signals(published DESC, id, score,
  confidence, category);
CREATE INDEX signals_by_category ON signals(category COLLATE NOCASE,
  published, score, confidence);
CREATE INDEX roles_by_actor ON roles(role, aid, sid);
CREATE TRIGGER roles_count_insert AFTER INSERT ON roles
WHEN NOT EXISTS (SELECT 1 FROM roles WHERE role = NEW.role
  AND aid = NEW.aid AND sid = NEW.sid AND position <> NEW.position)
BEGIN
  INSERT INTO role_counts (role, aid, n) VALUES (NEW.role, NEW.aid, 1)
  ON CONFLICT (role, aid) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER roles_count_delete AFTER DELETE ON roles
WHEN NOT EXISTS (SELECT 1 FROM roles WHERE role = OLD.role
  AND aid = OLD.aid AND sid = OLD.sid)
BEGIN
  UPDATE role_counts SET n = n - 1 WHERE role = OLD.role AND aid = OLD.aid;
  DELETE FROM role_counts WHERE role = OLD.role AND aid = OLD.aid
    AND n <= 0;
END;
CREATE TRIGGER roles_count_update AFTER UPDATE OF sid, role, aid ON roles
BEGIN
  DELETE FROM role_counts WHERE role IN (OLD.role, NEW.role)
    AND aid IN (OLD.aid, NEW.aid);
  INSERT INTO role_counts (role, aid, n)
    SELECT role, aid, count(DISTINCT sid) FROM roles
    WHERE role IN (OLD.role, NEW.role) AND aid IN (OLD.aid, NEW.aid)
    GROUP BY role, aid;
END;
CREATE INDEX aliases_by_canonical ON aliases(canonical_key);
CREATE VIEW actor_names AS
  SELECT a.aid AS aid, a.name AS name, a.key AS key,
         COALESCE(al.canonical_key, a.key) AS canonical_key,
         COALESCE(ca.name, al.canonical_name, a.name) AS canonical_name
  FROM actors a LEFT JOIN aliases al ON al.key = a.key
  LEFT JOIN actors ca ON ca.key = al.canonical_key;
PRAGMA writable_schema=OFF;
COMMIT;
PRAGMA user_version = 1;
PRAGMA application_id = 1265520483;
