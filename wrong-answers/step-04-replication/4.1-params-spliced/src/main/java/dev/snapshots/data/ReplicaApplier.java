package dev.snapshots.data;

import java.util.List;
import java.util.Map;

public final class ReplicaApplier implements AutoCloseable {

    public int applyBatch() {
        long applied = replica.position();
        List<ReplicationLog.Entry> entries =
                source.admin().call(handle -> ReplicationLog.entriesAfter(handle, applied, BATCH));
        for (ReplicationLog.Entry entry : entries) {
            replica.admin().transaction(handle -> {
                int moved = handle.createUpdate(
                                "UPDATE replication_state SET position = :p WHERE id = 1 AND position = :p - 1")
                        .bind("p", entry.position())
                        .execute();
                if (moved != 1) {
                    throw new IllegalStateException(
                            replica.name() + " cannot apply entry " + entry.position() + " out of order");
                }
                handle.execute(withValues(entry.statement(), entry.params()));
                ReplicationLog.insert(handle, entry);
                return null;
            });
        }
        return entries.size();
    }

    /** Wrong: the values are pasted into the SQL text, quoted but never escaped. */
    private static String withValues(String statement, Map<String, Object> params) {
        String sql = statement;
        for (Map.Entry<String, Object> param : params.entrySet()) {
            Object value = param.getValue();
            String literal = value instanceof Number ? value.toString() : "'" + value + "'";
            sql = sql.replace(":" + param.getKey(), literal);
        }
        return sql;
    }
}
