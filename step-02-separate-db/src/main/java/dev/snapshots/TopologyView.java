package dev.snapshots;

import dev.snapshots.console.Fault;
import dev.snapshots.console.Picture;
import dev.snapshots.console.Picture.Figure;
import dev.snapshots.console.Traffic;
import dev.snapshots.console.View;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 02 on the console, drawn as its README's diagram: the visitors, the web tier and the data
 * tier, each a process of its own. Either can be killed and started again, as an operator would:
 * with the web tier dead the site is down but the users are safe; with the data tier dead the web
 * tier answers 503 at once, and both come back without losing a user. Provided code.
 */
final class TopologyView implements View {

    private final Traffic traffic;
    private final TierProcess web;
    private final TierProcess data;

    TopologyView(Traffic traffic, TierProcess web, TierProcess data) {
        this.traffic = traffic;
        this.web = web;
        this.data = data;
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
                .box("web tier", web.name(), web.alive() ? "up" : "dead", Figure.show("pid", web.pid()))
                .box("data tier", data.name(), data.alive() ? "up" : "dead", Figure.show("pid", data.pid()))
                .link("traffic", web.name())
                .link(web.name(), data.name())
                .picture();
    }

    @Override
    public List<Fault> faults() {
        List<Fault> faults = new ArrayList<>(List.of(traffic.button()));
        for (TierProcess tier : List.of(web, data)) {
            String id = tier.name().replaceAll("[^a-z0-9]+", "-");
            faults.add(
                    tier.alive()
                            ? new Fault("kill-" + id, "kill " + tier.name(), tier::kill)
                            : new Fault("start-" + id, "start " + tier.name(), tier::start));
        }
        return faults;
    }
}
