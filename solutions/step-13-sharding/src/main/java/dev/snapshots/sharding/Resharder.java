package dev.snapshots.sharding;

import dev.snapshots.domain.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class Resharder {

    public static int addShard(ShardRouter router, List<Shard> existing, Shard added) {
        ShardMap target = router.current().with(added.name());
        // From here on, a new user goes straight to where the new ring puts it: nothing to move later.
        router.beginMove(target);
        List<Runnable> deletions = new ArrayList<>();
        for (Shard from : existing) {
            for (long id : from.ids()) {
                String owner = target.ownerOf(id);
                if (owner.equals(from.name())) {
                    continue; // stays: with a ring, most keys do
                }
                Shard to = owner.equals(added.name())
                        ? added
                        : existing.stream()
                                .filter(s -> s.name().equals(owner))
                                .findFirst()
                                .orElseThrow();
                // Copy and switch under the key's lock: no write can land on the old copy after the copy.
                router.move(id, owner, () -> {
                    Optional<User> user = from.find(id);
                    user.ifPresent(to::insert);
                    return user.isPresent();
                });
                deletions.add(() -> from.delete(id));
            }
        }
        router.finishMove();
        // Only now: every read of a moved key goes to its new owner.
        deletions.forEach(Runnable::run);
        return deletions.size();
    }
}
