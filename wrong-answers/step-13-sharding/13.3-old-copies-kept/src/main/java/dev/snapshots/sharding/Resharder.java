package dev.snapshots.sharding;

import dev.snapshots.domain.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class Resharder {

    public static int addShard(ShardRouter router, List<Shard> existing, Shard added) {
        ShardMap target = router.current().with(added.name());
        router.beginMove(target);
        int moved = 0;
        for (Shard from : existing) {
            for (long id : from.ids()) {
                String owner = target.ownerOf(id);
                if (owner.equals(from.name())) {
                    continue;
                }
                Shard to = owner.equals(added.name())
                        ? added
                        : existing.stream()
                                .filter(s -> s.name().equals(owner))
                                .findFirst()
                                .orElseThrow();
                router.move(id, owner, () -> {
                    Optional<User> user = from.find(id);
                    user.ifPresent(to::insert);
                    return user.isPresent();
                });
                moved++;
            }
        }
        router.finishMove();
        // Wrong: the old copies are left where they were, "as a backup": nothing reads them any more.
        return moved;
    }
}
