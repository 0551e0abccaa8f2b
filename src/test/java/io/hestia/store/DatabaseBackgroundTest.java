package io.hestia.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening the store in the background: connections wait for the migration, and a failed one is reported. */
class DatabaseBackgroundTest {

    @TempDir
    Path dir;

    @Test
    void connectionsAreHandedOutOnlyOnceTheSchemaIsMigrated() throws Exception {
        try (Database db = Database.openInBackground(dir.resolve("bg.db").toString(), 2, 5000)) {
            // asked at once: the connection must already see the migrated schema
            try (Connection c = db.dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM events")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isZero();
            }
            db.awaitMigrated();
        }
    }

    @Test
    void aFailedMigrationIsReportedToWaitersAndToConnectionRequests() throws Exception {
        Path notADatabase = dir.resolve("garbage.db");
        Files.writeString(notADatabase, "this is not an SQLite file, and it is long enough to be read as a header");
        Database db = Database.openInBackground(notADatabase.toString(), 2, 5000);
        assertThatThrownBy(() -> db.dataSource().getConnection()).isInstanceOf(SQLException.class)
                .hasMessageContaining("migration failed");
        assertThatThrownBy(db::awaitMigrated).isInstanceOf(RuntimeException.class);
        db.close();
    }
}
