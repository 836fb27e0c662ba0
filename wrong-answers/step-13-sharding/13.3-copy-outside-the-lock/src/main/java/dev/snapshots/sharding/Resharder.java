package dev.snapshots.sharding;

import dev.snapshots.domain.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class Resharder {

    public static int addShard(ShardRouter router, List<Shard> existing, Shard added) {
        ShardMap target = router.current().with(added.name());
        router.beginMove(target);
        List<Runnable> deletions = new ArrayList<>();
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
                // Wrong: the copy is made first, outside the key's lock; move only switches the owner.
                Optional<User> user = from.find(id);
                user.ifPresent(to::insert);
                router.move(id, owner, user::isPresent);
                deletions.add(() -> from.delete(id));
            }
        }
        router.finishMove();
        deletions.forEach(Runnable::run);
        return deletions.size();
    }
}
