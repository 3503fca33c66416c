//! Versioned schema changes. The version lives in SQLite's `user_version`; each step runs in
//! its own transaction, so a power cut leaves the database at one version or the next.

use rusqlite::Connection;

/// Each entry brings the schema from version `index` to `index + 1`. Never edit a released
/// step: add a new one.
const STEPS: &[&str] = &[
    // 1: the administrator PIN that guards a kiosk, with its record of wrong tries.
    "CREATE TABLE admin_pin (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        phc_hash TEXT NOT NULL,
        set_at TEXT NOT NULL
    );",
    // 2: wrong PIN tries are remembered across restarts, so restarting does not reset the wait.
    "CREATE TABLE admin_pin_failures (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        count INTEGER NOT NULL,
        last_at_unix INTEGER NOT NULL
    );",
    // 3: the books on this kiosk, each learner's place in them, and bookmarks.
    "CREATE TABLE books (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        author TEXT,
        language TEXT,
        in_library INTEGER NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL,
        last_opened_at TEXT
    );
    CREATE TABLE reading_positions (
        book_id INTEGER NOT NULL REFERENCES books (id) ON DELETE CASCADE,
        learner TEXT NOT NULL,
        chapter INTEGER NOT NULL,
        byte_offset INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (book_id, learner)
    );
    CREATE TABLE bookmarks (
        id INTEGER PRIMARY KEY,
        book_id INTEGER NOT NULL REFERENCES books (id) ON DELETE CASCADE,
        learner TEXT NOT NULL,
        chapter INTEGER NOT NULL,
        byte_offset INTEGER NOT NULL,
        label TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX bookmarks_by_book ON bookmarks (book_id, learner);",
    // 4: lectures a learner means to attend, and those attended (the learning record).
    "CREATE TABLE lecture_plans (
        learner TEXT NOT NULL,
        lecture_id TEXT NOT NULL,
        title TEXT NOT NULL,
        starts_at TEXT,
        planned_at TEXT NOT NULL,
        PRIMARY KEY (learner, lecture_id)
    );
    CREATE TABLE lecture_attendance (
        learner TEXT NOT NULL,
        lecture_id TEXT NOT NULL,
        title TEXT NOT NULL,
        attended_at TEXT NOT NULL,
        PRIMARY KEY (learner, lecture_id)
    );",
    // 5: one search across lists, lectures, guides and the library (rebuilt when they change).
    "CREATE TABLE search_items (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        title TEXT NOT NULL,
        detail TEXT NOT NULL,
        words TEXT NOT NULL,
        pinyin TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE search_fts USING fts5(
        words, pinyin, content = 'search_items', content_rowid = 'id', tokenize = 'trigram'
    );
    CREATE TABLE search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    // 6: remote catalogs and what was last fetched from them, served when offline.
    "CREATE TABLE catalog_sources (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        location TEXT NOT NULL,
        added_at TEXT NOT NULL,
        checked_at TEXT,
        problem TEXT
    );
    CREATE TABLE catalog_pages (
        source_id INTEGER NOT NULL REFERENCES catalog_sources (id) ON DELETE CASCADE,
        page INTEGER NOT NULL,
        url TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        content_type TEXT,
        body BLOB NOT NULL,
        PRIMARY KEY (source_id, page)
    );",
    // 7: reading clubs. Rows that will travel to a hub carry a UUIDv7 id, their change time and
    // a deleted flag (undoing a check-in marks it deleted, so the undo can travel too).
    "CREATE TABLE centre (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        district TEXT NOT NULL DEFAULT '',
        changed_at TEXT NOT NULL
    );
    CREATE TABLE clubs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        venue TEXT NOT NULL DEFAULT '',
        usual_weekday INTEGER CHECK (usual_weekday BETWEEN 1 AND 7),
        usual_start TEXT,
        usual_end TEXT,
        facilitator TEXT NOT NULL DEFAULT '',
        deleted INTEGER NOT NULL DEFAULT 0,
        changed_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX clubs_by_name ON clubs (name) WHERE deleted = 0;
    CREATE TABLE members (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        card TEXT,
        phone TEXT,
        birth_year INTEGER,
        consent_on TEXT,
        lang TEXT,
        joined_on TEXT NOT NULL,
        search_keys TEXT NOT NULL DEFAULT '',
        forgotten_on TEXT,
        deleted INTEGER NOT NULL DEFAULT 0,
        changed_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX members_by_card ON members (card) WHERE card IS NOT NULL;
    CREATE TABLE club_sessions (
        id TEXT PRIMARY KEY,
        club_id TEXT NOT NULL REFERENCES clubs (id),
        venue TEXT NOT NULL DEFAULT '',
        held_on TEXT NOT NULL,
        starts_at TEXT,
        ends_at TEXT,
        reading TEXT,
        facilitator TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        ended INTEGER NOT NULL DEFAULT 0,
        deleted INTEGER NOT NULL DEFAULT 0,
        changed_at TEXT NOT NULL
    );
    CREATE INDEX club_sessions_by_date ON club_sessions (held_on);
    CREATE TABLE attendance (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES club_sessions (id),
        member_id TEXT NOT NULL REFERENCES members (id),
        checked_in_at TEXT NOT NULL,
        minutes_read INTEGER,
        note TEXT NOT NULL DEFAULT '',
        deleted INTEGER NOT NULL DEFAULT 0,
        changed_at TEXT NOT NULL,
        UNIQUE (session_id, member_id)
    );
    CREATE INDEX attendance_by_member ON attendance (member_id);
    CREATE TABLE reading_log (
        id TEXT PRIMARY KEY,
        member_id TEXT NOT NULL REFERENCES members (id),
        book_title TEXT NOT NULL,
        logged_on TEXT NOT NULL,
        minutes INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        changed_at TEXT NOT NULL
    );
    CREATE INDEX reading_log_by_member ON reading_log (member_id, logged_on);
    ALTER TABLE reading_positions ADD COLUMN percent INTEGER;
    ALTER TABLE lecture_attendance ADD COLUMN id TEXT;
    ALTER TABLE lecture_attendance ADD COLUMN changed_at TEXT;
    UPDATE lecture_attendance SET id = lower(hex(randomblob(16))), changed_at = attended_at;",
    // 8: sync with a hub. Every local write to a synced table is stamped by the kiosk's
    // hybrid logical clock and queued in the outbox, by triggers, so no code path can forget
    // to; changes applied from the hub are not recorded (leling_recording() is 0 then). A row
    // waits in the outbox once however often it changes. The guest's reading places stay on
    // the kiosk: a stranger at another kiosk must not start where one stopped here.
    "CREATE TABLE row_versions (
        tbl TEXT NOT NULL,
        key TEXT NOT NULL,
        stamp TEXT NOT NULL,
        device TEXT,
        PRIMARY KEY (tbl, key)
    );
    -- The clock starts from the newest stamp at every start: found by index, not by a scan.
    CREATE INDEX row_versions_by_stamp ON row_versions (stamp);
    CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        tbl TEXT NOT NULL,
        key TEXT NOT NULL
    );
    CREATE UNIQUE INDEX outbox_by_row ON outbox (tbl, key);
    CREATE TABLE sync_peer (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        hub TEXT NOT NULL,
        device TEXT,
        cursor INTEGER NOT NULL DEFAULT 0,
        last_sync_at TEXT,
        last_problem TEXT
    );
    CREATE TRIGGER clubs_insert_recorded AFTER INSERT ON clubs WHEN leling_recording()
    BEGIN
        INSERT OR REPLACE INTO outbox (tbl, key) VALUES ('clubs', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('clubs', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'clubs' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    CREATE TRIGGER clubs_update_recorded AFTER UPDATE ON clubs WHEN leling_recording()
    BEGIN
        INSERT OR REPLACE INTO outbox (tbl, key) VALUES ('clubs', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('clubs', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'clubs' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    CREATE TRIGGER members_insert_recorded AFTER INSERT ON members WHEN leling_recording()
    BEGIN
        INSERT OR REPLACE INTO outbox (tbl, key) VALUES ('members', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('members', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'members' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    CREATE TRIGGER members_update_recorded AFTER UPDATE ON members WHEN leling_recording()
    BEGIN
        INSERT OR REPLACE INTO outbox (tbl, key) VALUES ('members', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('members', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'members' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    CREATE TRIGGER club_sessions_insert_recorded AFTER INSERT ON club_sessions WHEN leling_recording()
    BEGIN
        INSERT OR REPLACE INTO outbox (tbl, key) VALUES ('club_sessions', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('club_sessions', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'club_sessions' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    CREATE TRIGGER club_sessions_update_recorded AFTER UPDATE ON club_sessions WHEN leling_recording()
    BEGIN
        INSERT OR REPLACE INTO outbox (tbl, key) VALUES ('club_sessions', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('club_sessions', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'club_sessions' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    CREATE TRIGGER attendance_insert_recorded AFTER INSERT ON attendance WHEN leling_recording()
    BEGIN
        INSERT OR REPLACE INTO outbox (tbl, key) VALUES ('attendance', NEW.session_id || '/' || NEW.member_id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('attendance', NEW.session_id || '/' || NEW.member_id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'attendance' AND key = NEW.session_id || '/' || NEW.member_id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    CREATE TRIGGER attendance_update_recorded AFTER UPDATE ON attendance WHEN leling_recording()
    BEGIN
        INSERT OR REPLACE INTO outbox (tbl, key) VALUES ('attendance', NEW.session_id || '/' || NEW.member_id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('attendance', NEW.session_id || '/' || NEW.member_id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'attendance' AND key = NEW.session_id || '/' || NEW.member_id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    CREATE TRIGGER reading_log_insert_recorded AFTER INSERT ON reading_log WHEN leling_recording()
    BEGIN
        INSERT OR REPLACE INTO outbox (tbl, key) VALUES ('reading_log', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('reading_log', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'reading_log' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    CREATE TRIGGER reading_log_update_recorded AFTER UPDATE ON reading_log WHEN leling_recording()
    BEGIN
        INSERT OR REPLACE INTO outbox (tbl, key) VALUES ('reading_log', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('reading_log', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'reading_log' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    CREATE TRIGGER lecture_attendance_insert_recorded AFTER INSERT ON lecture_attendance WHEN leling_recording()
    BEGIN
        INSERT OR REPLACE INTO outbox (tbl, key) VALUES ('lecture_attendance', NEW.learner || '/' || NEW.lecture_id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('lecture_attendance', NEW.learner || '/' || NEW.lecture_id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'lecture_attendance' AND key = NEW.learner || '/' || NEW.lecture_id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    CREATE TRIGGER lecture_attendance_update_recorded AFTER UPDATE ON lecture_attendance WHEN leling_recording()
    BEGIN
        INSERT OR REPLACE INTO outbox (tbl, key) VALUES ('lecture_attendance', NEW.learner || '/' || NEW.lecture_id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('lecture_attendance', NEW.learner || '/' || NEW.lecture_id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'lecture_attendance' AND key = NEW.learner || '/' || NEW.lecture_id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    CREATE TRIGGER reading_positions_insert_recorded AFTER INSERT ON reading_positions WHEN leling_recording() AND NEW.learner <> 'guest'
    BEGIN
        INSERT OR REPLACE INTO outbox (tbl, key) VALUES ('reading_positions', NEW.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = NEW.book_id));
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('reading_positions', NEW.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = NEW.book_id),
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'reading_positions' AND key = NEW.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = NEW.book_id))))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    CREATE TRIGGER reading_positions_update_recorded AFTER UPDATE ON reading_positions WHEN leling_recording() AND NEW.learner <> 'guest'
    BEGIN
        INSERT OR REPLACE INTO outbox (tbl, key) VALUES ('reading_positions', NEW.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = NEW.book_id));
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('reading_positions', NEW.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = NEW.book_id),
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'reading_positions' AND key = NEW.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = NEW.book_id))))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    CREATE TRIGGER reading_positions_delete_recorded AFTER DELETE ON reading_positions WHEN leling_recording() AND OLD.learner <> 'guest'
    BEGIN
        INSERT OR REPLACE INTO outbox (tbl, key) VALUES ('reading_positions', OLD.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = OLD.book_id));
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('reading_positions', OLD.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = OLD.book_id),
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'reading_positions' AND key = OLD.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = OLD.book_id))))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    -- What this kiosk held before it could sync is all new to the hub.
    INSERT OR IGNORE INTO outbox (tbl, key) SELECT 'clubs', clubs.id FROM clubs;
    INSERT OR IGNORE INTO outbox (tbl, key) SELECT 'members', members.id FROM members;
    INSERT OR IGNORE INTO outbox (tbl, key) SELECT 'club_sessions', club_sessions.id FROM club_sessions;
    INSERT OR IGNORE INTO outbox (tbl, key) SELECT 'attendance', attendance.session_id || '/' || attendance.member_id FROM attendance;
    INSERT OR IGNORE INTO outbox (tbl, key) SELECT 'reading_log', reading_log.id FROM reading_log;
    INSERT OR IGNORE INTO outbox (tbl, key) SELECT 'lecture_attendance', lecture_attendance.learner || '/' || lecture_attendance.lecture_id FROM lecture_attendance;
    INSERT OR IGNORE INTO outbox (tbl, key) SELECT 'reading_positions', reading_positions.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = reading_positions.book_id) FROM reading_positions WHERE reading_positions.learner <> 'guest';
    INSERT OR IGNORE INTO row_versions (tbl, key, stamp)
        SELECT tbl, key, leling_stamp(NULL) FROM outbox;",
    // 9: one person registered on two kiosks with one card: the later registration names the
    // first (no foreign key: a merged row may arrive before the one it names), and a card is
    // unique among the members that stand for themselves.
    "ALTER TABLE members ADD COLUMN same_as TEXT;
    CREATE INDEX members_same_as ON members (same_as) WHERE same_as IS NOT NULL;
    DROP INDEX members_by_card;
    CREATE UNIQUE INDEX members_by_card ON members (card)
        WHERE card IS NOT NULL AND same_as IS NULL AND deleted = 0;
    CREATE INDEX members_holding_card ON members (card) WHERE card IS NOT NULL;",
    // 10: a row written again moves to the end of the outbox by a delete and an insert, not by
    // INSERT OR REPLACE: a trigger's conflict clause gives way to the statement that fired it,
    // so under an upsert (a learner's reading place, saved again) the REPLACE became an ABORT
    // and every save after the first failed.
    "DROP TRIGGER clubs_insert_recorded;
    CREATE TRIGGER clubs_insert_recorded AFTER INSERT ON clubs WHEN leling_recording()
    BEGIN
        DELETE FROM outbox WHERE tbl = 'clubs' AND key = NEW.id;
        INSERT INTO outbox (tbl, key) VALUES ('clubs', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('clubs', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'clubs' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    DROP TRIGGER clubs_update_recorded;
    CREATE TRIGGER clubs_update_recorded AFTER UPDATE ON clubs WHEN leling_recording()
    BEGIN
        DELETE FROM outbox WHERE tbl = 'clubs' AND key = NEW.id;
        INSERT INTO outbox (tbl, key) VALUES ('clubs', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('clubs', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'clubs' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    DROP TRIGGER members_insert_recorded;
    CREATE TRIGGER members_insert_recorded AFTER INSERT ON members WHEN leling_recording()
    BEGIN
        DELETE FROM outbox WHERE tbl = 'members' AND key = NEW.id;
        INSERT INTO outbox (tbl, key) VALUES ('members', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('members', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'members' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    DROP TRIGGER members_update_recorded;
    CREATE TRIGGER members_update_recorded AFTER UPDATE ON members WHEN leling_recording()
    BEGIN
        DELETE FROM outbox WHERE tbl = 'members' AND key = NEW.id;
        INSERT INTO outbox (tbl, key) VALUES ('members', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('members', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'members' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    DROP TRIGGER club_sessions_insert_recorded;
    CREATE TRIGGER club_sessions_insert_recorded AFTER INSERT ON club_sessions WHEN leling_recording()
    BEGIN
        DELETE FROM outbox WHERE tbl = 'club_sessions' AND key = NEW.id;
        INSERT INTO outbox (tbl, key) VALUES ('club_sessions', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('club_sessions', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'club_sessions' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    DROP TRIGGER club_sessions_update_recorded;
    CREATE TRIGGER club_sessions_update_recorded AFTER UPDATE ON club_sessions WHEN leling_recording()
    BEGIN
        DELETE FROM outbox WHERE tbl = 'club_sessions' AND key = NEW.id;
        INSERT INTO outbox (tbl, key) VALUES ('club_sessions', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('club_sessions', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'club_sessions' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    DROP TRIGGER attendance_insert_recorded;
    CREATE TRIGGER attendance_insert_recorded AFTER INSERT ON attendance WHEN leling_recording()
    BEGIN
        DELETE FROM outbox WHERE tbl = 'attendance' AND key = NEW.session_id || '/' || NEW.member_id;
        INSERT INTO outbox (tbl, key) VALUES ('attendance', NEW.session_id || '/' || NEW.member_id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('attendance', NEW.session_id || '/' || NEW.member_id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'attendance' AND key = NEW.session_id || '/' || NEW.member_id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    DROP TRIGGER attendance_update_recorded;
    CREATE TRIGGER attendance_update_recorded AFTER UPDATE ON attendance WHEN leling_recording()
    BEGIN
        DELETE FROM outbox WHERE tbl = 'attendance' AND key = NEW.session_id || '/' || NEW.member_id;
        INSERT INTO outbox (tbl, key) VALUES ('attendance', NEW.session_id || '/' || NEW.member_id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('attendance', NEW.session_id || '/' || NEW.member_id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'attendance' AND key = NEW.session_id || '/' || NEW.member_id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    DROP TRIGGER reading_log_insert_recorded;
    CREATE TRIGGER reading_log_insert_recorded AFTER INSERT ON reading_log WHEN leling_recording()
    BEGIN
        DELETE FROM outbox WHERE tbl = 'reading_log' AND key = NEW.id;
        INSERT INTO outbox (tbl, key) VALUES ('reading_log', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('reading_log', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'reading_log' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    DROP TRIGGER reading_log_update_recorded;
    CREATE TRIGGER reading_log_update_recorded AFTER UPDATE ON reading_log WHEN leling_recording()
    BEGIN
        DELETE FROM outbox WHERE tbl = 'reading_log' AND key = NEW.id;
        INSERT INTO outbox (tbl, key) VALUES ('reading_log', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('reading_log', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'reading_log' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    DROP TRIGGER lecture_attendance_insert_recorded;
    CREATE TRIGGER lecture_attendance_insert_recorded AFTER INSERT ON lecture_attendance WHEN leling_recording()
    BEGIN
        DELETE FROM outbox WHERE tbl = 'lecture_attendance' AND key = NEW.learner || '/' || NEW.lecture_id;
        INSERT INTO outbox (tbl, key) VALUES ('lecture_attendance', NEW.learner || '/' || NEW.lecture_id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('lecture_attendance', NEW.learner || '/' || NEW.lecture_id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'lecture_attendance' AND key = NEW.learner || '/' || NEW.lecture_id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    DROP TRIGGER lecture_attendance_update_recorded;
    CREATE TRIGGER lecture_attendance_update_recorded AFTER UPDATE ON lecture_attendance WHEN leling_recording()
    BEGIN
        DELETE FROM outbox WHERE tbl = 'lecture_attendance' AND key = NEW.learner || '/' || NEW.lecture_id;
        INSERT INTO outbox (tbl, key) VALUES ('lecture_attendance', NEW.learner || '/' || NEW.lecture_id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('lecture_attendance', NEW.learner || '/' || NEW.lecture_id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'lecture_attendance' AND key = NEW.learner || '/' || NEW.lecture_id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    DROP TRIGGER reading_positions_insert_recorded;
    CREATE TRIGGER reading_positions_insert_recorded AFTER INSERT ON reading_positions WHEN leling_recording() AND NEW.learner <> 'guest'
    BEGIN
        DELETE FROM outbox WHERE tbl = 'reading_positions' AND key = NEW.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = NEW.book_id);
        INSERT INTO outbox (tbl, key) VALUES ('reading_positions', NEW.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = NEW.book_id));
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('reading_positions', NEW.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = NEW.book_id),
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'reading_positions' AND key = NEW.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = NEW.book_id))))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    DROP TRIGGER reading_positions_update_recorded;
    CREATE TRIGGER reading_positions_update_recorded AFTER UPDATE ON reading_positions WHEN leling_recording() AND NEW.learner <> 'guest'
    BEGIN
        DELETE FROM outbox WHERE tbl = 'reading_positions' AND key = NEW.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = NEW.book_id);
        INSERT INTO outbox (tbl, key) VALUES ('reading_positions', NEW.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = NEW.book_id));
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('reading_positions', NEW.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = NEW.book_id),
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'reading_positions' AND key = NEW.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = NEW.book_id))))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    DROP TRIGGER reading_positions_delete_recorded;
    CREATE TRIGGER reading_positions_delete_recorded AFTER DELETE ON reading_positions WHEN leling_recording() AND OLD.learner <> 'guest'
    BEGIN
        DELETE FROM outbox WHERE tbl = 'reading_positions' AND key = OLD.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = OLD.book_id);
        INSERT INTO outbox (tbl, key) VALUES ('reading_positions', OLD.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = OLD.book_id));
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('reading_positions', OLD.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = OLD.book_id),
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'reading_positions' AND key = OLD.learner || '/' || (SELECT leling_book_key(title, author) FROM books WHERE id = OLD.book_id))))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;",
    // 11: where a planned lecture takes place, so "My learning" can say when and where.
    "ALTER TABLE lecture_plans ADD COLUMN place TEXT;",
    // 12: a learner's own PIN for signing in (argon2id over the MD5 hex of the PIN), synced
    // with her member row; wrong tries are counted per card on this kiosk only.
    "ALTER TABLE members ADD COLUMN pin_hash TEXT;
    CREATE TABLE learner_pin_failures (
        card TEXT PRIMARY KEY,
        count INTEGER NOT NULL,
        last_at_unix INTEGER NOT NULL
    );",
    // 13: a book in the library may be this kiosk's copy of a recommended book (its id in
    // content/lists), so that the recommended book's page opens it without the internet.
    "ALTER TABLE books ADD COLUMN recommended_book TEXT;
    CREATE INDEX books_by_recommended ON books (recommended_book)
        WHERE recommended_book IS NOT NULL;",
    // 14: changes set aside with the reason: this kiosk's that the hub refused (`here`), and
    // the hub's that this kiosk would not apply (`hub`). Nothing waits behind them, and staff
    // can see them (`leling sync`, `leling doctor`). And how far this kiosk's clock was ahead
    // of the hub's (behind when negative) at the last sync, so a wrong clock is told.
    "CREATE TABLE sync_set_aside (
        seq INTEGER PRIMARY KEY,
        tbl TEXT NOT NULL,
        key TEXT NOT NULL,
        stamp TEXT NOT NULL,
        reason TEXT NOT NULL,
        came_from TEXT NOT NULL CHECK (came_from IN ('here', 'hub')),
        at TEXT NOT NULL
    );
    ALTER TABLE sync_peer ADD COLUMN clock_ahead_ms INTEGER;",
    // 15: clubs and sessions carry the centre that runs them (the hub lets only that centre's
    // kiosks write them), and a club's name is one per centre: two centres may both run a
    // 银杏读书会. Rows from before stay without a centre (''), as they were.
    "ALTER TABLE clubs ADD COLUMN centre TEXT NOT NULL DEFAULT '';
    ALTER TABLE club_sessions ADD COLUMN centre TEXT NOT NULL DEFAULT '';
    DROP INDEX clubs_by_name;
    CREATE UNIQUE INDEX clubs_by_name ON clubs (centre, name) WHERE deleted = 0;",
    // 16: a learner's own settings (text size, theme, line gap, speech rate): a learner row
    // that syncs, so her size follows her to every kiosk where she signs in. The kiosk's own
    // settings (the settings file) are the guests' and the default.
    "CREATE TABLE learner_settings (
        learner TEXT PRIMARY KEY,
        zoom INTEGER NOT NULL,
        theme TEXT NOT NULL,
        line_gap INTEGER NOT NULL,
        speech_rate INTEGER NOT NULL,
        changed_at TEXT NOT NULL
    );
    CREATE TRIGGER learner_settings_insert_recorded AFTER INSERT ON learner_settings WHEN leling_recording()
    BEGIN
        DELETE FROM outbox WHERE tbl = 'learner_settings' AND key = NEW.learner;
        INSERT INTO outbox (tbl, key) VALUES ('learner_settings', NEW.learner);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('learner_settings', NEW.learner,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'learner_settings' AND key = NEW.learner)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    CREATE TRIGGER learner_settings_update_recorded AFTER UPDATE ON learner_settings WHEN leling_recording()
    BEGIN
        DELETE FROM outbox WHERE tbl = 'learner_settings' AND key = NEW.learner;
        INSERT INTO outbox (tbl, key) VALUES ('learner_settings', NEW.learner);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('learner_settings', NEW.learner,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'learner_settings' AND key = NEW.learner)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;",
    // 17: her voice follows her too (a speech backend's code; '' where she chose none).
    "ALTER TABLE learner_settings ADD COLUMN voice TEXT NOT NULL DEFAULT '';",
    // 18: quizzes (终身学习知多少): each one a member finished is a learner row that syncs,
    // its id fixed here (the statement id other platforms will know it by); the answers of
    // one under way stay on this kiosk, so she can stop and go on later.
    "CREATE TABLE quiz_results (
        id TEXT PRIMARY KEY,
        learner TEXT NOT NULL,
        quiz_id TEXT NOT NULL,
        quiz_title TEXT NOT NULL,
        asked INTEGER NOT NULL,
        right_answers INTEGER NOT NULL,
        passed INTEGER NOT NULL,
        finished_on TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        changed_at TEXT NOT NULL
    );
    CREATE INDEX quiz_results_by_learner ON quiz_results (learner, finished_on);
    CREATE TRIGGER quiz_results_insert_recorded AFTER INSERT ON quiz_results WHEN leling_recording()
    BEGIN
        DELETE FROM outbox WHERE tbl = 'quiz_results' AND key = NEW.id;
        INSERT INTO outbox (tbl, key) VALUES ('quiz_results', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('quiz_results', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'quiz_results' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    CREATE TRIGGER quiz_results_update_recorded AFTER UPDATE ON quiz_results WHEN leling_recording()
    BEGIN
        DELETE FROM outbox WHERE tbl = 'quiz_results' AND key = NEW.id;
        INSERT INTO outbox (tbl, key) VALUES ('quiz_results', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('quiz_results', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'quiz_results' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    CREATE TABLE quiz_progress (
        learner TEXT NOT NULL,
        quiz_id TEXT NOT NULL,
        answers TEXT NOT NULL,
        PRIMARY KEY (learner, quiz_id)
    );",
    // 19: a quiz a volunteer ran with a club session (the group answering by show of hands):
    // a centre row under its session, counted in the centre's reports.
    "CREATE TABLE session_quizzes (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        quiz_id TEXT NOT NULL,
        quiz_title TEXT NOT NULL,
        asked INTEGER NOT NULL,
        right_answers INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        changed_at TEXT NOT NULL
    );
    CREATE INDEX session_quizzes_by_session ON session_quizzes (session_id);
    CREATE TRIGGER session_quizzes_insert_recorded AFTER INSERT ON session_quizzes WHEN leling_recording()
    BEGIN
        DELETE FROM outbox WHERE tbl = 'session_quizzes' AND key = NEW.id;
        INSERT INTO outbox (tbl, key) VALUES ('session_quizzes', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('session_quizzes', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'session_quizzes' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;
    CREATE TRIGGER session_quizzes_update_recorded AFTER UPDATE ON session_quizzes WHEN leling_recording()
    BEGIN
        DELETE FROM outbox WHERE tbl = 'session_quizzes' AND key = NEW.id;
        INSERT INTO outbox (tbl, key) VALUES ('session_quizzes', NEW.id);
        INSERT INTO row_versions (tbl, key, stamp) VALUES ('session_quizzes', NEW.id,
            leling_stamp((SELECT stamp FROM row_versions WHERE tbl = 'session_quizzes' AND key = NEW.id)))
            ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, device = NULL;
    END;",
];

pub const LATEST_VERSION: i64 = STEPS.len() as i64;

pub fn migrate(conn: &Connection, target: i64) -> rusqlite::Result<()> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (index, sql) in STEPS.iter().enumerate().take(target as usize) {
        let version = index as i64 + 1;
        if version <= current {
            continue;
        }
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}
