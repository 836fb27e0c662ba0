package dev.snapshots.web;

final class HomePage {

    static void serveAssets(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/assets";
            // Wrong: a folder of the source tree, found relative to wherever the server starts.
            files.directory = "src/main/resources/public";
            files.location = Location.EXTERNAL;
        });
    }
}
