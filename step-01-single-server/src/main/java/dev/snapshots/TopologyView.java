package dev.snapshots;

import dev.snapshots.console.Fault;
import dev.snapshots.console.Picture;
import dev.snapshots.console.Picture.Figure;
import dev.snapshots.console.Traffic;
import dev.snapshots.console.View;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 01 on the console, drawn as its README's diagram: the visitors, and the one web server that
 * holds the page, the API, the sessions and the users. Its one fault is the step's lesson: stop
 * that server, and everything is gone with it (there is nothing to restart it from: its users lived
 * in its memory). Provided code.
 */
final class TopologyView implements View {

    private final Topology topology;
    private final Traffic traffic;
    private volatile boolean stopped;
    private volatile long usersWhenStopped;

    TopologyView(Topology topology, Traffic traffic) {
        this.topology = topology;
        this.traffic = traffic;
    }

    @Override
    public Picture picture() {
        return new Picture.Drawing()
                .box(
                        "clients",
                        "traffic",
                        traffic.on() ? "running" : "idle",
                        Figure.count("requests", traffic.sent()),
                        Figure.count("failed", traffic.failed()))
                .box(
                        "web server",
                        "web-1",
                        stopped ? "stopped" : "up",
                        Figure.show(
                                "users in memory",
                                stopped
                                        ? usersWhenStopped + " (lost)"
                                        : topology.repository().count()),
                        Figure.show("holds", "page, API, sessions, users"))
                .link("traffic", "web-1")
                .picture();
    }

    @Override
    public List<Fault> faults() {
        List<Fault> faults = new ArrayList<>(List.of(traffic.button()));
        if (!stopped) {
            faults.add(new Fault("stop-web-1", "stop web-1", this::stop));
        }
        return faults;
    }

    /** Stops the one server: the page, the API, the sessions and the users go with it. */
    synchronized String stop() {
        if (stopped) {
            throw new IllegalStateException("web-1 is stopped already");
        }
        usersWhenStopped = topology.repository().count();
        stopped = true;
        topology.webServer().close();
        return "web-1 stopped: the page, the API, the sessions and the users (" + usersWhenStopped + ") are gone";
    }
}
