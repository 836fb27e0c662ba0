package dev.snapshots.course;

import java.util.List;

/**
 * One promise of the course (CONTRIBUTING.md), checked for one step.
 *
 * @param summary  one short cell for the table
 * @param problems why it is broken; empty when it is kept
 * @param notes    what the check measured and a maintainer may want to see, broken or not
 */
record Promise(String name, String summary, List<String> problems, List<String> notes) {

    static Promise of(String name, String summary, List<String> problems) {
        return new Promise(name, summary, List.copyOf(problems), List.of());
    }

    Promise withNotes(List<String> notes) {
        return new Promise(name, summary, problems, List.copyOf(notes));
    }

    boolean kept() {
        return problems.isEmpty();
    }
}
