package dev.snapshots.console;

import java.util.List;

/** What a step shows on its console: the picture of its system now, and the faults it teaches. Provided code. */
public interface View {

    Picture picture();

    List<Fault> faults();
}
