package dev.snapshots;

import dev.snapshots.console.Fault;
import dev.snapshots.console.Picture;
import dev.snapshots.console.Picture.Figure;
import dev.snapshots.console.Traffic;
import dev.snapshots.console.View;
import dev.snapshots.lb.Backend;
import dev.snapshots.lb.BackendPool;
import dev.snapshots.web.WebServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Step 03 on the console, drawn as its README's diagram: the balancer, the web servers it knows
 * (each with its requests and the balancer's view of it) and the data tier. A web server can be
 * killed and started again on its old port, as the tests do; nobody tells the balancer. Provided
 * code.
 */
final class TopologyView implements View {

    private final Topology topology;
    private final Traffic traffic;
    /** What each web server had served when last seen running: a dead one keeps its count. */
    private final Map<String, Long> served = new ConcurrentHashMap<>();

    TopologyView(Topology topology, Traffic traffic) {
        this.topology = topology;
        this.traffic = traffic;
    }

    @Override
    public Picture picture() {
        BackendPool pool = topology.loadBalancer().pool();
        Picture.Drawing drawing = new Picture.Drawing()
                .box(
                        "clients",
                        "traffic",
                        traffic.on() ? "running" : "idle",
                        Figure.count("requests", traffic.sent()),
                        Figure.count("failed", traffic.failed()))
                .box(
                        "load balancer",
                        "balancer",
                        "up",
                        Figure.show(
                                "healthy",
                                pool.healthy().size() + " of " + pool.all().size()))
                .link("traffic", "balancer");
        for (Backend backend : pool.all()) {
            String name = backend.name();
            boolean running = running(name) != null;
            if (running) {
                served.put(name, running(name).requestsServed());
            }
            drawing.box(
                            "web tier",
                            name,
                            running ? "up" : "dead",
                            Figure.count("requests", served.getOrDefault(name, 0L)),
                            Figure.show("balancer sees", pool.isUp(name) ? "up" : "down"))
                    .link("balancer", name)
                    .link(name, "database");
        }
        return drawing.box("data tier", "database", topology.database().isRunning() ? "up" : "down")
                .picture();
    }

    @Override
    public List<Fault> faults() {
        List<Fault> faults = new ArrayList<>(List.of(traffic.button()));
        for (Backend backend : topology.loadBalancer().pool().all()) {
            String name = backend.name();
            faults.add(
                    running(name) != null
                            ? new Fault("kill-" + name, "kill " + name, () -> kill(name))
                            : new Fault("restart-" + name, "restart " + name, () -> restart(name)));
        }
        return faults;
    }

    /** Kills a web server, as a crash would: nobody tells the balancer. */
    synchronized String kill(String name) {
        if (running(name) == null) {
            throw new IllegalStateException(name + " is not running");
        }
        topology.web().kill(name);
        return name + " killed (nobody tells the balancer)";
    }

    /** Starts a killed web server again on its old port: to the balancer, the same backend. */
    synchronized String restart(String name) {
        if (running(name) != null) {
            throw new IllegalStateException(name + " is running already");
        }
        Backend backend = topology.loadBalancer()
                .pool()
                .byName(name)
                .orElseThrow(() -> new IllegalStateException("the balancer knows no " + name));
        topology.web().restart(name, backend.address().getPort());
        return name + " started again on its old port";
    }

    private WebServer running(String name) {
        return topology.web().servers().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElse(null);
    }
}
