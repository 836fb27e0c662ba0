package dev.snapshots.web;

final class HomePage {

    private static String escape(String text) {
        // Wrong: & is replaced last, so the & of every entity made above is escaped a second time.
        return text.replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;")
                .replace("&", "&amp;");
    }
}
