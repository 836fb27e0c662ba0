package dev.snapshots.console;

import java.util.ArrayList;
import java.util.List;

/**
 * What the console draws: the step's boxes in columns, left to right as in the step README's
 * diagram, each with its state and its live figures, and the arrows between them. Made afresh for
 * every look, from the running system's own counters. Provided code.
 */
public record Picture(List<String> columns, List<Box> boxes, List<Link> links) {

    /**
     * A server or a tier, named as the diagram names it. Its state colours it: {@code up}, {@code
     * primary} and {@code ready} are healthy; {@code down}, {@code dead} and {@code cut} are failed;
     * anything else ({@code draining}, {@code replica}, {@code lagging} …) is shown as it is.
     */
    public record Box(String id, String column, String state, List<Figure> figures) {}

    /** One number on a box. A counting one (requests so far) is also shown per second. */
    public record Figure(String name, String value, boolean counting) {

        /** A count that only grows while the system runs: the page shows its rate too. */
        public static Figure count(String name, long value) {
            return new Figure(name, Long.toString(value), true);
        }

        /** A value shown as it is: a size, a version, a lag. */
        public static Figure show(String name, Object value) {
            return new Figure(name, String.valueOf(value), false);
        }
    }

    /** An arrow of the diagram: requests or data go from one box to the other. */
    public record Link(String from, String to) {}

    /** A picture drawn box by box; a box's column is added the first time a box names it. */
    public static final class Drawing {

        private final List<String> columns = new ArrayList<>();
        private final List<Box> boxes = new ArrayList<>();
        private final List<Link> links = new ArrayList<>();

        public Drawing box(String column, String id, String state, Figure... figures) {
            if (!columns.contains(column)) {
                columns.add(column);
            }
            boxes.add(new Box(id, column, state, List.of(figures)));
            return this;
        }

        public Drawing link(String from, String to) {
            links.add(new Link(from, to));
            return this;
        }

        public Picture picture() {
            return new Picture(List.copyOf(columns), List.copyOf(boxes), List.copyOf(links));
        }
    }
}
