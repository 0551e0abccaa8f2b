package io.hestia.store;

import io.hestia.ha.home.StateEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void migrationsCreateTheSchemaOnAFreshFile() throws SQLException {
        Path file = dir.resolve("fresh.db");
        assertThat(file).doesNotExist();
        try (Database db = Database.open(file.toString(), 2, 1234)) {
            assertThat(file).exists();
            assertThat(db.dialect()).isEqualTo(Dialect.SQLITE);
            List<String> tables = new ArrayList<>();
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("areas", "correlation_cache", "devices", "entities", "events", "floors",
                    "ha_config", "ingest_cursors", "sync_runs", "synthetic_homes", "flyway_schema_history",
                    "analysis_runs", "mined_items", "mined_item_entities", "mined_item_history", "item_feedback",
                    "item_posteriors", "queries", "query_rounds", "suggestions", "automations", "automation_versions", "training_runs", "models");
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT version, success FROM flyway_schema_history "
                         + "WHERE version IS NOT NULL ORDER BY installed_rank")) {
                for (String version : List.of("1", "2", "3", "4", "5")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(version);
                    assertThat(rs.getBoolean(2)).isTrue();
                }
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void createsMissingParentDirectories() {
        Path file = dir.resolve("a/b/c/hestia.db");
        try (Database db = Database.open(file.toString(), 1, 1000)) {
            assertThat(file).exists();
            assertThat(new EventStore(db.dataSource()).count()).isZero();
        }
    }

    @Test
    void acceptsAFullJdbcUrl() {
        Path file = dir.resolve("url.db");
        try (Database db = Database.open("jdbc:sqlite:" + file, 1, 1000)) {
            assertThat(db.dialect()).isEqualTo(Dialect.SQLITE);
            assertThat(file).exists();
        }
    }

    @Test
    void rejectsAnUnsupportedUrl() {
        assertThatThrownBy(() -> Database.open("jdbc:h2:mem:x", 1, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:h2:mem:x");
    }

    @Test
    void everyPooledConnectionHasThePragmas() throws SQLException {
        int poolSize = 3;
        try (Database db = Database.open(dir.resolve("pragmas.db").toString(), poolSize, 4321)) {
            List<Connection> held = new ArrayList<>();
            try {
                // hold all connections at once, so each one is a distinct physical connection
                for (int i = 0; i < poolSize; i++) {
                    held.add(db.dataSource().getConnection());
                }
                for (Connection c : held) {
                    assertThat(pragma(c, "journal_mode")).isEqualToIgnoringCase("wal");
                    assertThat(pragma(c, "synchronous")).isEqualTo("1");
                    assertThat(pragma(c, "busy_timeout")).isEqualTo("4321");
                    assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
                    assertThat(pragma(c, "cache_size")).isEqualTo(String.valueOf(-Database.DEFAULT_CACHE_KIB));
                }
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aTransactionThatReadsFirstStillWritesWhenAnotherWriterCommitsMeanwhile() throws Exception {
        try (Database db = Database.open(dir.resolve("tx.db").toString(), 2, 5000)) {
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (k TEXT PRIMARY KEY)");
            }
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread other = new Thread(() -> {
                try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO t VALUES ('other')");
                } catch (SQLException e) {
                    failures.add(e);
                }
            });
            try (Connection c = db.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.executeQuery("SELECT COUNT(*) FROM t").close();
                    // another connection writes after this transaction read: with a deferred BEGIN it commits
                    // first and this transaction's write then fails with SQLITE_BUSY; with BEGIN IMMEDIATE it
                    // waits (busy_timeout) until this one commits
                    other.start();
                    other.join(300);
                    st.executeUpdate("INSERT INTO t VALUES ('mine')");
                }
                c.commit();
                c.setAutoCommit(true);
            }
            other.join();
            assertThat(failures).isEmpty();
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void busyTimeoutIsTheConfiguredValue() throws SQLException {
        try (Database db = Database.open(dir.resolve("busy.db").toString(), 1, 98765);
             Connection c = db.dataSource().getConnection()) {
            assertThat(pragma(c, "busy_timeout")).isEqualTo("98765");
        }
    }

    @Test
    void walFileIsCreatedNextToTheDatabase() {
        Path file = dir.resolve("wal.db");
        try (Database db = Database.open(file.toString(), 1, 1000)) {
            new EventStore(db.dataSource()).insert(List.of(StateEvent.of("light.a", "on", 1000, null)));
            assertThat(Files.exists(dir.resolve("wal.db-wal"))).isTrue();
        }
    }

    @Test
    void dataPersistsAcrossCloseAndReopen() {
        Path file = dir.resolve("persist.db");
        try (Database db = Database.open(file.toString(), 2, 1000)) {
            EventStore store = new EventStore(db.dataSource());
            assertThat(store.insert(List.of(StateEvent.of("light.a", "on", 1000, null),
                    StateEvent.of("light.a", "off", 2000, "on")))).isEqualTo(2);
            new IngestStateStore(db.dataSource()).advance("live", 2000);
        }
        // a second open runs the migrations again: they must be a no-op on a migrated file
        try (Database db = Database.open(file.toString(), 2, 1000)) {
            EventStore store = new EventStore(db.dataSource());
            assertThat(store.count()).isEqualTo(2);
            assertThat(store.latestTime()).hasValue(2000);
            assertThat(store.page(null, null, null, 10, null).events())
                    .extracting(EventStore.StoredEvent::state).containsExactly("on", "off");
            assertThat(new IngestStateStore(db.dataSource()).cursor("live")).hasValue(2000);
            assertThat(store.insert(List.of(StateEvent.of("light.a", "on", 1000, null)))).isZero();
        }
    }

    @Test
    void closeClosesThePool() {
        Database db = Database.open(dir.resolve("closed.db").toString(), 1, 1000);
        db.close();
        assertThatThrownBy(() -> db.dataSource().getConnection()).isInstanceOf(SQLException.class);
    }

    static String pragma(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            assertThat(rs.next()).as("PRAGMA %s returns a row", name).isTrue();
            return rs.getString(1);
        }
    }
}
