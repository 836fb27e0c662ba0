package dev.snapshots.course;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Prints the check's report: a table of every promise of every step, what measured notes there are,
 * the broken promises, and last, alone on its line, {@code check: N passed, M failed}.
 */
final class ReportTable {

    private ReportTable() {}

    /** Prints the report; returns whether every promise was kept. */
    static boolean print(Map<String, List<Promise>> report, List<String> closingNotes, PrintStream out) {
        int kept = 0;
        int broken = 0;
        Set<String> unproven = new TreeSet<>();
        List<String> details = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String format = "%-24s %-4s  %-22s %s%n";
        out.println();
        out.printf(format, "step", "", "promise", "");
        for (Map.Entry<String, List<Promise>> step : report.entrySet()) {
            String name = step.getKey();
            for (Promise p : step.getValue()) {
                out.printf(format, name, p.kept() ? "ok" : p.broken() ? "FAIL" : "--", p.name(), p.summary());
                name = "";
                if (p.kept()) {
                    kept++;
                } else if (p.broken()) {
                    broken++;
                    p.problems().forEach(problem -> details.add(step.getKey() + " / " + p.name() + ": " + problem));
                } else {
                    unproven.add(p.name());
                }
                p.notes().forEach(note -> notes.add(step.getKey() + " / " + p.name() + ": " + note));
            }
        }
        notes.addAll(closingNotes);
        if (!notes.isEmpty()) {
            out.println();
            out.println("Notes:");
            notes.forEach(n -> out.println("  - " + n));
        }
        if (!details.isEmpty()) {
            out.println();
            out.println("Broken promises:");
            details.forEach(d -> out.println("  - " + d));
        }
        if (!unproven.isEmpty()) {
            out.println();
            out.println("Not proven here (" + String.join(", ", unproven) + "): they need the reference answers in"
                    + " solutions/, which this copy of the course does not have. Neither kept nor broken.");
        }
        out.println();
        out.println("check: " + kept + " passed, " + broken + " failed");
        return broken == 0;
    }
}
