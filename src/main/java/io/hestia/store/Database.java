package io.hestia.store;

import io.hestia.platform.DaemonThreads;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The store's connection pool and schema. SQLite by default (WAL, busy_timeout and synchronous=NORMAL
 * set as driver properties, so every pooled connection has them); a {@code jdbc:postgresql:} URL
 * selects the PostgreSQL dialect and its migrations folder.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final CompletableFuture<Void> migrated;
    private final DataSource dataSource;

    private Database(HikariDataSource pool, Dialect dialect, CompletableFuture<Void> migrated) {
        this.pool = pool;
        this.dialect = dialect;
        this.migrated = migrated;
        this.dataSource = new MigratedDataSource();
    }

    /**
     * @param location  a file path (SQLite) or a full JDBC URL
     * @param poolSize  maximum pooled connections
     * @param busyTimeoutMs SQLite busy timeout
     */
    /** Default SQLite page cache per connection, in KiB. */
    public static final int DEFAULT_CACHE_KIB = 8192;

    public static Database open(String location, int poolSize, int busyTimeoutMs) {
        Database db = openInBackground(location, poolSize, busyTimeoutMs, DEFAULT_CACHE_KIB);
        db.awaitMigrated();
        return db;
    }

    /**
     * Opens the pool and migrates the schema on a background thread, so an application can start beside it.
     * {@link #dataSource()} hands out connections only once the schema is migrated; {@link #awaitMigrated()}
     * waits for it and reports a failed migration.
     */
    public static Database openInBackground(String location, int poolSize, int busyTimeoutMs) {
        return openInBackground(location, poolSize, busyTimeoutMs, DEFAULT_CACHE_KIB);
    }

    /** As {@link #openInBackground(String, int, int)} with an SQLite page cache of {@code cacheKib} per connection. */
    public static Database openInBackground(String location, int poolSize, int busyTimeoutMs, int cacheKib) {
        String url = location.startsWith("jdbc:") ? location : "jdbc:sqlite:" + location;
        Dialect dialect = Dialect.of(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("hestia-store");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Math.max(15_000, busyTimeoutMs + 5_000L));
        if (dialect == Dialect.SQLITE) {
            createParentDirectory(url.substring("jdbc:sqlite:".length()));
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("busy_timeout", String.valueOf(busyTimeoutMs));
            // every transaction here writes: take the write lock at BEGIN, where busy_timeout waits for it. A
            // deferred transaction that reads first cannot upgrade once another writer committed after its read
            // (WAL snapshot) and fails at once with SQLITE_BUSY, whatever the timeout
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("cache_size", String.valueOf(-cacheKib)); // negative = KiB
        }
        config.setInitializationFailTimeout(-1); // the first connection is made by the migration below
        HikariDataSource ds = new HikariDataSource(config);
        CompletableFuture<Void> migrated = CompletableFuture.runAsync(() -> Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration/" + dialect.migrationFolder())
                .failOnMissingLocations(true) // a dialect without migrations must not start on an empty schema
                .load()
                .migrate(), DaemonThreads.oneOff("store-migration"));
        return new Database(ds, dialect, migrated);
    }

    /** Waits until the schema is migrated; throws the migration's failure. */
    public void awaitMigrated() {
        try {
            migrated.join();
        } catch (CompletionException e) {
            pool.close();
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /** Connections only after the migration: a request that comes early waits for it. */
    private final class MigratedDataSource implements DataSource {
        private Connection ready(java.util.concurrent.Callable<Connection> get) throws SQLException {
            try {
                migrated.join();
            } catch (CompletionException e) {
                throw new SQLException("the store's schema migration failed: " + e.getCause().getMessage(),
                        e.getCause());
            }
            try {
                return get.call();
            } catch (SQLException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new SQLException(e);
            }
        }

        @Override
        public Connection getConnection() throws SQLException {
            return ready(pool::getConnection);
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return ready(() -> pool.getConnection(user, password));
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return iface.isInstance(this) || pool.isWrapperFor(iface);
        }
    }

    private static void createParentDirectory(String file) {
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database directory " + parent, e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        pool.close();
    }
}
