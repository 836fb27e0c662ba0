package dev.snapshots;

import dev.snapshots.data.DbNode;
import java.util.List;

/** Looks inside the databases themselves, and signs users up, for the replication tests. */
final class Nodes {

    private Nodes() {}

    /** The users a node holds, as "id email", in id order. */
    static List<String> users(DbNode node) {
        return node.admin()
                .call(h -> h.createQuery("SELECT id, email FROM users ORDER BY id")
                        .map((rs, ctx) -> rs.getLong("id") + " " + rs.getString("email"))
                        .list());
    }

    /** The positions in a node's own copy of the replication log, in order. */
    static List<Long> logPositions(DbNode node) {
        return node.admin()
                .call(h -> h.createQuery("SELECT position FROM replication_log ORDER BY position")
                        .mapTo(Long.class)
                        .list());
    }

    static SiteClient.Response signUp(SiteClient client, String email) {
        return client.postJson(
                "http://snapshots.test/api/users",
                "{\"name\": \"U\", \"email\": \"%s\", \"password\": \"correct horse\"}".formatted(email));
    }
}
