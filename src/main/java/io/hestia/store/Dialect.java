package io.hestia.store;

/**
 * What differs between the supported databases. Statements elsewhere are plain SQL that both accept
 * ({@code INSERT ... ON CONFLICT ... DO NOTHING / DO UPDATE} is understood by SQLite 3.24+ and PostgreSQL 9.5+).
 */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String migrationFolder;

    Dialect(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL (sqlite or postgresql): " + jdbcUrl);
    }

    public String migrationFolder() {
        return migrationFolder;
    }
}
