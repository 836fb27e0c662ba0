package dev.snapshots.deploy;

import dev.snapshots.web.Build;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fleet with no servers behind it, for the deployer's decisions alone: it records every call, and
 * checks what a real one would refuse. A build with a warm-up answers its readiness probe from the
 * third time it is asked; a build that never gets ready never does.
 */
final class FakeFleet implements Fleet {

    private static final class Slot {
        Build build;
        boolean running = true;
        boolean inPool = true;
        int readyAsks;
    }

    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final List<String> mistakes = new ArrayList<>();
    private int fewestServing;

    FakeFleet(Build build, String... names) {
        for (String name : names) {
            Slot slot = new Slot();
            slot.build = build;
            slots.put(name, slot);
        }
        fewestServing = names.length;
    }

    /** Every call but the read-only ones, in order: "takeOut web-1", "start web-1 v2", "putIn web-1"… */
    List<String> calls() {
        return List.copyOf(calls);
    }

    /** What a real fleet would have refused, or what would have cut off traffic. */
    List<String> mistakes() {
        return List.copyOf(mistakes);
    }

    /** The fewest slots serving (running, ready and in the pool) at any moment. */
    int fewestServing() {
        return fewestServing;
    }

    /** The version each slot runs, and whether it serves: {web-1=v1 serving, …}. */
    Map<String, String> state() {
        Map<String, String> state = new LinkedHashMap<>();
        slots.forEach((name, slot) ->
                state.put(name, slot.build.version() + (slot.running && slot.inPool ? " serving" : " not serving")));
        return state;
    }

    private Slot slot(String name) {
        Slot slot = slots.get(name);
        if (slot == null) {
            throw new IllegalArgumentException("no slot " + name);
        }
        return slot;
    }

    private void changed() {
        int serving =
                (int) slots.values().stream().filter(s -> s.running && s.inPool).count();
        fewestServing = Math.min(fewestServing, serving);
    }

    @Override
    public List<String> slots() {
        return List.copyOf(slots.keySet());
    }

    @Override
    public Build running(String name) {
        return slot(name).build;
    }

    @Override
    public void takeOut(String name) {
        calls.add("takeOut " + name);
        slot(name).inPool = false;
        changed();
    }

    @Override
    public void putIn(String name) {
        calls.add("putIn " + name);
        Slot slot = slot(name);
        if (!slot.running) {
            mistakes.add("put " + name + " in the pool with no server running");
        } else if (!isReady(slot)) {
            mistakes.add("put " + name + " in the pool before it was ready");
        }
        slot.inPool = true;
        changed();
    }

    @Override
    public void stop(String name) {
        calls.add("stop " + name);
        Slot slot = slot(name);
        if (slot.inPool) {
            mistakes.add("stopped " + name + " while it was still in the pool");
        }
        slot.running = false;
        changed();
    }

    @Override
    public void start(String name, Build build) {
        calls.add("start " + name + " " + build.version());
        Slot slot = slot(name);
        if (slot.running) {
            throw new IllegalStateException(name + " already has a running server: stop it first");
        }
        slot.running = true;
        slot.build = build;
        slot.readyAsks = 0;
        changed();
    }

    @Override
    public boolean ready(String name) {
        Slot slot = slot(name);
        slot.readyAsks++;
        return slot.running && isReady(slot);
    }

    private static boolean isReady(Slot slot) {
        Duration warmUp = slot.build.warmUp();
        if (warmUp.isZero()) {
            return true;
        }
        return warmUp.compareTo(Duration.ofDays(1)) < 0 && slot.readyAsks >= 3;
    }

    @Override
    public Tally tally(String name) {
        return new Tally(0, 0);
    }
}
