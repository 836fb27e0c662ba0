package dev.snapshots.course;

import java.util.List;

/**
 * One promise of the course (CONTRIBUTING.md), checked for one step.
 *
 * @param summary  one short cell for the table
 * @param problems why it is broken; empty when it is kept
 * @param notes    what the check measured and a maintainer may want to see, broken or not
 * @param proven   false when the check could not even try (a learner's template has no solutions/):
 *                 neither kept nor broken
 */
record Promise(String name, String summary, List<String> problems, List<String> notes, boolean proven) {

    static Promise of(String name, String summary, List<String> problems) {
        return new Promise(name, summary, List.copyOf(problems), List.of(), true);
    }

    /** A promise this copy of the course cannot prove, and why (said on the table, never a failure). */
    static Promise notProven(String name, String why) {
        return new Promise(name, "not proven: " + why, List.of(), List.of(), false);
    }

    Promise withNotes(List<String> notes) {
        return new Promise(name, summary, problems, List.copyOf(notes), proven);
    }

    boolean kept() {
        return proven && problems.isEmpty();
    }

    boolean broken() {
        return !problems.isEmpty();
    }
}
