package dev.snapshots.logging;

import dev.snapshots.data.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The searchable end of the pipeline: one row per line in a database of its own, indexed by request
 * id and time and by error id (Elasticsearch or Loki would index the same fields). Provided code.
 */
public final class LogStore {

    /** The longest message kept in its column (the whole line is kept too). */
    static final int MESSAGE_LENGTH = 2_000;

    private final Database database;

    public LogStore(Database database) {
        this.database = database;
    }

    public LogStore createTables() {
        database.call(handle -> {
            handle.execute("""
                    CREATE TABLE IF NOT EXISTS log_lines (
                        seq        BIGINT AUTO_INCREMENT PRIMARY KEY,
                        time       TIMESTAMP(9) WITH TIME ZONE NOT NULL,
                        level      VARCHAR(10),
                        service    VARCHAR(20),
                        host       VARCHAR(100),
                        request_id VARCHAR(128),
                        error_id   VARCHAR(128),
                        message    VARCHAR(2000),
                        json       CLOB NOT NULL
                    )""");
            handle.execute("CREATE INDEX IF NOT EXISTS log_lines_request ON log_lines (request_id, time)");
            handle.execute("CREATE INDEX IF NOT EXISTS log_lines_error ON log_lines (error_id)");
            return null;
        });
        return this;
    }

    /** Adds {@code lines} in one round trip (their seq is assigned here). */
    public void add(List<LogLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        database.call(handle -> {
            PreparedBatch batch = handle.prepareBatch("""
                    INSERT INTO log_lines (time, level, service, host, request_id, error_id, message, json)
                    VALUES (:time, :level, :service, :host, :request, :error, :message, :json)""");
            for (LogLine line : lines) {
                batch.bind("time", line.time())
                        .bind("level", cut(line.level(), 10))
                        .bind("service", cut(line.service(), 20))
                        .bind("host", cut(line.host(), 100))
                        .bind("request", cut(line.requestId(), RequestIds.MAX_LENGTH))
                        .bind("error", cut(line.errorId(), RequestIds.MAX_LENGTH))
                        .bind("message", cut(line.message(), MESSAGE_LENGTH))
                        .bind("json", line.json())
                        .add();
            }
            return batch.execute();
        });
    }

    /** Every line about the request {@code requestId}, from every tier, oldest first. */
    public List<LogLine> byRequestId(String requestId, int limit) {
        return where("request_id = :id", requestId, limit);
    }

    /** Every line that names the error {@code errorId}, oldest first. */
    public List<LogLine> byErrorId(String errorId, int limit) {
        return where("error_id = :id", errorId, limit);
    }

    /** Every line, oldest first (tests search the whole run). */
    public List<LogLine> all() {
        return database.call(handle -> handle.createQuery("SELECT * FROM log_lines ORDER BY time, seq")
                .map(LogStore::line)
                .list());
    }

    public long count() {
        return database.call(handle -> handle.createQuery("SELECT COUNT(*) FROM log_lines")
                .mapTo(Long.class)
                .one());
    }

    private List<LogLine> where(String condition, String id, int limit) {
        return database.call(handle -> handle.createQuery(
                        "SELECT * FROM log_lines WHERE " + condition + " ORDER BY time, seq LIMIT :limit")
                .bind("id", id)
                .bind("limit", limit)
                .map(LogStore::line)
                .list());
    }

    private static LogLine line(ResultSet rs, StatementContext ctx) throws SQLException {
        Timestamp time = rs.getTimestamp("time");
        return new LogLine(
                rs.getLong("seq"),
                time.toInstant(),
                rs.getString("level"),
                rs.getString("service"),
                rs.getString("host"),
                rs.getString("request_id"),
                rs.getString("error_id"),
                rs.getString("message"),
                rs.getString("json"));
    }

    private static String cut(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
